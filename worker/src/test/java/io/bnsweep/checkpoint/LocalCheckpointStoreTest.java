package io.bnsweep.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointStoreTest {
  @TempDir Path dir;

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesReplacesReadsAndDeletesOneCheckpointPerTrial() throws IOException {
    LocalCheckpointStore store = new LocalCheckpointStore(dir.resolve("ckpt"));
    assertEquals(Optional.empty(), store.read("a1"));

    store.write("a1", new byte[] {1, 2, 3});
    store.write("a1", new byte[] {4, 5});
    store.write("b2", new byte[] {6});

    assertArrayEquals(new byte[] {4, 5}, store.read("a1").orElseThrow());
    assertArrayEquals(new byte[] {6}, store.read("b2").orElseThrow());
    assertEquals(List.of("a1.ckpt", "b2.ckpt"), files(store.dir()), "no temporary file is left");

    store.delete("a1");
    store.delete("a1");
    assertEquals(Optional.empty(), store.read("a1"));
    assertEquals(List.of("b2.ckpt"), files(store.dir()));
  }

  @Test
  void aStrayTemporaryFileFromADeadWriterIsNotACheckpoint() throws IOException {
    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    Files.write(dir.resolve("a1.0123.tmp"), new byte[] {9});

    assertEquals(Optional.empty(), store.read("a1"));
    store.write("a1", new byte[] {1});
    assertArrayEquals(new byte[] {1}, store.read("a1").orElseThrow());
  }

  @Test
  void refusesIdsThatAreNotPlainFileNames() {
    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    for (String id : List.of("../x", "a/b", "", ".hidden")) {
      assertThrows(IllegalArgumentException.class, () -> store.write(id, new byte[0]), id);
    }
    assertTrue(store.file("abc-1.2_3").endsWith("abc-1.2_3.ckpt"));
  }
}
