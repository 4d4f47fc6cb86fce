import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { DROPPED_SIZE, compactPixels, type CompactPixels } from '../../core/data/droppedImages';
import type { PredictResult, WorkerErrorInfo } from '../../protocol/messages';
import { studioStore, useStudio } from '../store/studioStore';
import { dropSizeRequest } from '../data/dropResolution';
import { errorInfo, errorText } from '../../protocol/errors';
import { FileDropZone } from '../teachers/FileDropZone';
import { trainingWorker } from '../workerClient';
import { predictionText } from './predictionText';

const SIZE = 280;

type Answer = { phase: 'idle' } | { phase: 'busy' } | { phase: 'ready'; result: PredictResult } | { phase: 'failed'; error: WorkerErrorInfo };

function blank(canvas: HTMLCanvasElement): void {
  const context = canvas.getContext('2d')!;
  context.fillStyle = 'black'; // MNIST-style: a light figure on black
  context.fillRect(0, 0, SIZE, SIZE);
}

type Point = [x: number, y: number];
/** One stroke: its points in canvas coordinates and its colour (white unless another was picked). */
interface Stroke {
  points: Point[];
  colour: string;
}
const STROKE = { lineWidth: 22, lineCap: 'round', lineJoin: 'round' } as const;

function drawStrokes(context: CanvasRenderingContext2D, strokes: Stroke[]): void {
  Object.assign(context, STROKE);
  for (const { points, colour } of strokes) {
    context.strokeStyle = colour;
    context.beginPath();
    for (const [x, y] of points) context.lineTo(x, y);
    context.stroke();
  }
}

/**
 * The drawing rasterised once, at the data's 28 x 28: the strokes are drawn again on a canvas
 * of that size (scaled), not the big canvas shrunk, which would resample every pixel twice.
 * Gray bytes while every stroke is gray (white by default), RGB once one has colour.
 */
function rasterise(strokes: Stroke[]): CompactPixels {
  const small = document.createElement('canvas');
  [small.width, small.height] = [DROPPED_SIZE.width, DROPPED_SIZE.height];
  const context = small.getContext('2d')!;
  context.fillStyle = 'black';
  context.fillRect(0, 0, small.width, small.height);
  context.scale(small.width / SIZE, small.height / SIZE);
  drawStrokes(context, strokes);
  return compactPixels(context.getImageData(0, 0, small.width, small.height).data);
}

/** The image the models were given, gray or colour, pixel for pixel (the e2e test reads it back). */
function InputPreview({ input }: { input: PredictResult['input'] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const { pixels, width, height, channels } = input;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      const at = i * channels;
      rgba.set(channels === 3 ? [pixels[at], pixels[at + 1], pixels[at + 2], 255] : [pixels[at], pixels[at], pixels[at], 255], i * 4);
    }
    canvas.getContext('2d')!.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [input]);
  return (
    <figure className="try-it-input">
      <canvas ref={ref} width={input.width} height={input.height} data-testid="try-input" style={{ width: 84, height: 84, imageRendering: 'pixelated' }} />
      <figcaption>
        What the models were given ({input.width} × {input.height} {input.channels === 3 ? 'colour' : 'gray'})
      </figcaption>
    </figure>
  );
}

/** "Try it": draw or drop an image; the student and the picked teachers say what they see. */
export function TryIt() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  /** The strokes drawn since the last clear, in canvas coordinates. */
  const strokes = useRef<Stroke[]>([]);
  const [colour, setColour] = useState('#ffffff');
  /** A dropped image's bytes: sent as they are, decoded in the worker like a dropped transfer image. */
  const dropped = useRef<ArrayBuffer | null>(null);
  const [answer, setAnswer] = useState<Answer>({ phase: 'idle' });
  const picked = useStudio((s) => s.pickedTeacherIds);
  useEffect(() => void (canvas.current && blank(canvas.current)), []);
  // A new run's student answers differently: the last answer, or its error, is not about it.
  const runId = useStudio((s) => s.progress.runId);
  useEffect(() => setAnswer((a) => (a.phase === 'busy' ? a : { phase: 'idle' })), [runId]);

  const clear = () => {
    blank(canvas.current!);
    strokes.current = [];
    dropped.current = null;
  };

  const stroke = (event: PointerEvent<HTMLCanvasElement>, start: boolean) => {
    const c = canvas.current!;
    const box = c.getBoundingClientRect();
    const point: Point = [((event.clientX - box.left) * SIZE) / box.width, ((event.clientY - box.top) * SIZE) / box.height];
    // Drawing over a dropped image starts a new drawing: the image is sent whole or not at all.
    if (start && dropped.current) clear();
    if (start) strokes.current.push({ points: [], colour });
    const current = strokes.current[strokes.current.length - 1];
    current.points.push(point);
    const context = c.getContext('2d')!;
    drawStrokes(context, [{ points: current.points.slice(-2), colour: current.colour }]);
  };

  const showImage = async (file: File) => {
    clear();
    dropped.current = await file.arrayBuffer();
    // For the eye only: what the models get is decoded from the bytes in the worker.
    const bitmap = await createImageBitmap(file);
    canvas.current!.getContext('2d')!.drawImage(bitmap, 0, 0, SIZE, SIZE);
    bitmap.close();
  };

  const predict = async () => {
    setAnswer({ phase: 'busy' });
    try {
      const request = dropped.current
        ? { kind: 'predict' as const, image: dropped.current.slice(0), ...dropSizeRequest(studioStore.getState()), teacherIds: picked }
        : { kind: 'predict' as const, ...rasterise(strokes.current), count: 1, height: DROPPED_SIZE.height, width: DROPPED_SIZE.width, teacherIds: picked };
      const result = await trainingWorker.call(request);
      setAnswer({ phase: 'ready', result });
    } catch (error) {
      setAnswer({ phase: 'failed', error: errorInfo(error) });
    }
  };

  return (
    <div className="try-it">
      <canvas
        ref={canvas}
        width={SIZE}
        height={SIZE}
        className="try-it-canvas"
        aria-label="Drawing area: draw a digit or a garment with the mouse, or choose an image file"
        onPointerDown={(e) => {
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          stroke(e, true);
        }}
        onPointerMove={(e) => drawing.current && stroke(e, false)}
        onPointerUp={() => (drawing.current = false)}
      />
      <div className="try-it-controls">
        <FileDropZone
          label="Drop an image to try"
          hint="Or drop one PNG or JPEG image here."
          onFiles={(files) => void showImage(files[0].file)}
          pickers={[{ label: 'Choose an image', accept: 'image/png,image/jpeg', testId: 'try-image' }]}
        />
        <label className="try-it-colour">
          Pen colour <input type="color" value={colour} onChange={(event) => setColour(event.target.value)} />
        </label>
        <button type="button" onClick={() => void predict()} disabled={answer.phase === 'busy'}>
          Predict
        </button>
        <button type="button" onClick={() => (clear(), setAnswer({ phase: 'idle' }))}>
          Clear
        </button>
        {answer.phase === 'failed' && (
          <p role="alert" className="status-error">
            Could not predict: {errorText(answer.error)}
          </p>
        )}
        {answer.phase === 'ready' && <InputPreview input={answer.result.input} />}
        {answer.phase === 'ready' && (
          <dl className="facts predictions">
            <div>
              <dt>Student</dt>
              <dd data-field="student-prediction">{answer.result.student ? predictionText(answer.result.student[0]) : 'no student yet: train one first'}</dd>
            </div>
            {answer.result.teachers.map((t) => (
              <div key={t.id}>
                <dt>{t.id}</dt>
                <dd data-field="teacher-prediction" data-teacher={t.id}>
                  {predictionText(t.predictions[0])}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}
