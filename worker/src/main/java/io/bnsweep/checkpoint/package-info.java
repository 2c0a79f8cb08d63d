/**
 * Per-epoch checkpoints of trials: the {@link io.bnsweep.checkpoint.CheckpointStore} seam the
 * worker writes through, and its local-file-system implementation. What a checkpoint holds is the
 * trial runner's business; a store moves opaque bytes.
 */
package io.bnsweep.checkpoint;
