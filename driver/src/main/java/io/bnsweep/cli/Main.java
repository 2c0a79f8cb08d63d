package io.bnsweep.cli;

import io.bnsweep.data.DatasetException;
import io.bnsweep.spec.SpecException;
import io.bnsweep.store.StoreException;
import io.bnsweep.store.WriteFailedException;
import io.bnsweep.sweep.MasterUnreachableException;
import io.bnsweep.trial.BnsweepVersion;
import io.bnsweep.trial.NativeBackend;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code bnsweep} command. Bad input ends in one line on standard error and exit code 2; a
 * failure of Spark or of the tool in exit code 3; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "bnsweep",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Sweeps BatchNorm placement x activation x seeds on Spark with DL4J.",
    subcommands = {RunCommand.class, PlanCommand.class, ReportCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every trial completed",
      "1:some trials failed (listed in the summary)",
      "2:bad input (spec, dataset, output directory, command line); nothing written",
      "3:Spark or internal failure, or a write failure (full disk, removed output) after"
          + " results existed; finished results are kept",
      "130:stopped by Ctrl-C (143: by SIGTERM); finished results are kept"
    })
public final class Main {
  @Option(
      names = {"-v", "--verbose"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line {@code args} and returns the exit code. */
  public static int run(String... args) {
    NativeBackend.select();
    try {
      return commandLine().execute(args);
    } catch (Error e) {
      // out of memory while decoding a dataset, a plugin that fails to link: not "some trials
      // failed" (1), and no raw stack trace
      System.err.println(
          "bnsweep: internal error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
              + " (run with --verbose for the stack trace)");
      if (java.util.Arrays.asList(args).contains("-v")
          || java.util.Arrays.asList(args).contains("--verbose")) {
        e.printStackTrace();
      }
      return ExitCodes.INTERNAL_ERROR;
    } finally {
      ShutdownWatch.commandDone();
    }
  }

  /** The configured command line, with output streams the caller may replace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("bnsweep: " + e.getMessage());
          err.println("Try 'bnsweep --help'.");
          err.flush();
          return ExitCodes.BAD_INPUT;
        });
    return cli;
  }

  private static int handle(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof SweepStoppedException) {
      err.println("bnsweep: " + e.getMessage());
      err.flush();
      return ExitCodes.STOPPED;
    }
    if (e instanceof WriteFailedException) {
      // after results exist: not bad input, and the message says what is kept
      err.println("bnsweep: " + e.getMessage());
      if (isVerbose(parsed)) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.WRITE_FAILED;
    }
    boolean badInput =
        e instanceof SpecException
            || e instanceof DatasetException
            || e instanceof StoreException
            || e instanceof MasterUnreachableException;
    err.println("bnsweep: " + (badInput ? "" : "internal error: ") + oneLine(e));
    if (isVerbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return badInput ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL_ERROR;
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** The build's version and git commit, as each result's provenance records it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"bnsweep " + BnsweepVersion.current()};
    }
  }
}
