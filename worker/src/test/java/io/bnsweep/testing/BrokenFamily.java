package io.bnsweep.testing;

import io.bnsweep.network.Architecture;
import io.bnsweep.network.NetworkFamily;
import io.bnsweep.network.NetworkRequest;

/** A plugin family whose build always throws, for the planner's check that builds fail early. */
public final class BrokenFamily implements NetworkFamily {
  @Override
  public String name() {
    return "broken";
  }

  @Override
  public Architecture build(NetworkRequest request) {
    throw new IllegalStateException("boom");
  }
}
