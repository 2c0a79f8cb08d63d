package io.bnsweep.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel whose {@code failingWrite}-th write (1-based) writes {@code tornBytes} of its
 * buffer and then fails as a full disk does, and every write after it too; reads and the rest go to
 * the real channel.
 */
final class FailingChannel extends FileChannel {
  private final FileChannel real;
  private final int failingWrite;
  private final int tornBytes;
  private int writes;

  FailingChannel(FileChannel real, int failingWrite, int tornBytes) {
    this.real = real;
    this.failingWrite = failingWrite;
    this.tornBytes = tornBytes;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    writes++;
    if (writes < failingWrite) {
      return real.write(src);
    }
    if (writes == failingWrite && tornBytes > 0) {
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + Math.min(tornBytes, part.remaining()));
      real.write(part);
    }
    throw new IOException("No space left on device");
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    real.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    real.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return real.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) {
    throw new UnsupportedOperationException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
