/** Integer class labels as they come out of `dataSync()` on an int tensor or a uint8 label file. */
export type LabelArray = Int32Array | Uint8Array;
