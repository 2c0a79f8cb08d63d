package io.bnsweep.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern IMG =
      Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  @Test
  void writesDemo() throws IOException {
    List<TrialResult> results = new ArrayList<>(Results.grid(3, 4));
    results.add(
        Results.failed("f1", Placement.AFTER, ActivationKind.TANH, 9, "<b>boom</b>\n  at x"));
    String html = HtmlReport.of(results, "<script>alert(1)</script>");
    Files.writeString(Path.of("/tmp/bnsweep-html-test.html"), html);
    Matcher m = IMG.matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    assertTrue(n > 10, "images " + n);
    assertFalse(html.contains("<script>"));
    assertEquals(html, HtmlReport.of(results, "<script>alert(1)</script>"));
  }
}
