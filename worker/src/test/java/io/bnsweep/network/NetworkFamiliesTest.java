package io.bnsweep.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.testing.TinyFamily;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

class NetworkFamiliesTest {
  @Test
  void aPluginOnTheClassPathIsAFamilyWithItsOwnSettings() {
    assertEquals(
        List.of("cnn", "mlp", "resnet", "tiny", "broken"),
        NetworkFamilies.all().stream().map(NetworkFamily::name).toList());
    // the plugin's setting is an axis, applying only to its variants
    assertTrue(Axes.find("network.units").isPresent());
    Variant tiny = Variant.of("tiny", Placement.BEFORE, ActivationKind.RELU);
    assertEquals(16, tiny.get(TinyFamily.UNITS));
    assertTrue(!tiny.has("network.channels") && !tiny.has("network.depth"), tiny.toString());
    assertTrue(!Variant.of(Placement.BEFORE, ActivationKind.RELU).has("network.units"));
  }

  @Test
  void anUnknownFamilyNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NetworkFamilies.get("vgg"));
    assertEquals(
        "unknown network family 'vgg' (known: cnn, mlp, resnet, tiny, broken)", e.getMessage());
  }

  @Test
  void aPluginThatCannotBeLoadedIsRememberedAndSkipped() {
    List<String> failures = new ArrayList<>();
    Iterator<NetworkFamily> plugins =
        new Iterator<>() {
          int calls;

          @Override
          public boolean hasNext() {
            return calls < 2;
          }

          @Override
          public NetworkFamily next() {
            if (calls++ == 0) {
              throw new ServiceConfigurationError(
                  "io.bnsweep.network.NetworkFamily: Provider com.example.Gone not found");
            }
            if (calls > 2) {
              throw new NoSuchElementException();
            }
            return new TinyFamily();
          }
        };
    var loaded = NetworkFamilies.load(plugins, failures);
    assertEquals(List.of("cnn", "mlp", "resnet", "tiny"), List.copyOf(loaded.keySet()));
    assertEquals(
        List.of("io.bnsweep.network.NetworkFamily: Provider com.example.Gone not found"), failures);
  }

  @Test
  void twoFamiliesWithOneNameAreAnError() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                NetworkFamilies.load(
                    List.<NetworkFamily>of(new CnnFamily()).iterator(), List.of()));
    assertTrue(e.getMessage().startsWith("two network families are called 'cnn'"), e.getMessage());
  }
}
