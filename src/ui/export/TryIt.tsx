import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { DROPPED_SIZE, toGrayscale } from '../../core/data/droppedImages';
import type { PredictResult, WorkerErrorInfo } from '../../protocol/messages';
import { useStudio } from '../store/studioStore';
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

/** The drawing at the data's 28 x 28 gray, as the teachers and the student take it. */
function canvasPixels(canvas: HTMLCanvasElement): Uint8Array {
  const small = document.createElement('canvas');
  [small.width, small.height] = [DROPPED_SIZE.width, DROPPED_SIZE.height];
  const context = small.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(canvas, 0, 0, small.width, small.height);
  return toGrayscale(context.getImageData(0, 0, small.width, small.height).data);
}

/** "Try it": draw or drop an image; the student and the picked teachers say what they see. */
export function TryIt() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [answer, setAnswer] = useState<Answer>({ phase: 'idle' });
  const picked = useStudio((s) => s.pickedTeacherIds);
  useEffect(() => void (canvas.current && blank(canvas.current)), []);
  // A new run's student answers differently: the last answer, or its error, is not about it.
  const runId = useStudio((s) => s.progress.runId);
  useEffect(() => setAnswer((a) => (a.phase === 'busy' ? a : { phase: 'idle' })), [runId]);

  const stroke = (event: PointerEvent<HTMLCanvasElement>, start: boolean) => {
    const c = canvas.current!;
    const context = c.getContext('2d')!;
    const box = c.getBoundingClientRect();
    const [x, y] = [((event.clientX - box.left) * SIZE) / box.width, ((event.clientY - box.top) * SIZE) / box.height];
    Object.assign(context, { strokeStyle: 'white', lineWidth: 22, lineCap: 'round', lineJoin: 'round' });
    if (start) context.beginPath();
    context.lineTo(x, y);
    context.stroke();
  };

  const showImage = async (file: File) => {
    const bitmap = await createImageBitmap(file);
    blank(canvas.current!);
    canvas.current!.getContext('2d')!.drawImage(bitmap, 0, 0, SIZE, SIZE);
    bitmap.close();
  };

  const predict = async () => {
    setAnswer({ phase: 'busy' });
    try {
      const pixels = canvasPixels(canvas.current!);
      const result = await trainingWorker.call({ kind: 'predict', pixels, count: 1, ...DROPPED_SIZE, teacherIds: picked });
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
        <button type="button" onClick={() => void predict()} disabled={answer.phase === 'busy'}>
          Predict
        </button>
        <button type="button" onClick={() => (blank(canvas.current!), setAnswer({ phase: 'idle' }))}>
          Clear
        </button>
        {answer.phase === 'failed' && (
          <p role="alert" className="status-error">
            Could not predict: {errorText(answer.error)}
          </p>
        )}
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
