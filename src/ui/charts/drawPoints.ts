import { classColour } from './palette';

/** Point indices grouped by label, so each colour is set once per frame, not once per point. */
export function groupByLabel(labels: Int32Array): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const group = groups.get(label);
    if (group) group.push(i);
    else groups.set(label, [i]);
  });
  return groups;
}

/** One frame of the scatter: every point as a small disc in its class colour. */
export function drawPoints(g: CanvasRenderingContext2D, xy: Float32Array, groups: Map<number, number[]>, radius: number): void {
  g.save();
  g.setTransform(1, 0, 0, 1, 0, 0); // clear every backing pixel, whatever the drawing scale
  g.clearRect(0, 0, g.canvas.width, g.canvas.height);
  g.restore();
  g.globalAlpha = 0.8;
  for (const [label, indices] of groups) {
    g.fillStyle = classColour(label);
    g.beginPath();
    for (const i of indices) {
      g.moveTo(xy[2 * i] + radius, xy[2 * i + 1]);
      g.arc(xy[2 * i], xy[2 * i + 1], radius, 0, 2 * Math.PI);
    }
    g.fill();
  }
  g.globalAlpha = 1;
}

/** A probe image (uint8 grey or RGB) drawn into a canvas of its own size. */
export function drawProbeImage(canvas: HTMLCanvasElement, pixels: Uint8Array, index: number, height: number, width: number, channels: number): void {
  [canvas.width, canvas.height] = [width, height];
  const g = canvas.getContext('2d')!;
  const image = g.createImageData(width, height);
  const size = height * width * channels;
  for (let p = 0; p < height * width; p++) {
    for (let c = 0; c < 3; c++) image.data[4 * p + c] = pixels[index * size + p * channels + (channels === 1 ? 0 : c)];
    image.data[4 * p + 3] = 255;
  }
  g.putImageData(image, 0, 0);
}
