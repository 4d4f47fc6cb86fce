import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../core/method/config';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import { studentParamCount } from '../../core/method/studentSize';
import type { StepTimeMeasurement } from '../../core/method/studentSpeed';
import { studentStepTimes } from '../../core/method/studentStepTimes';
import type { LoadImageFilesResult } from '../../protocol/messages';
import { createStudioStore } from '../store/studioStore';
import { draftStudentShape, paramCountText, stepTimeText, trunkText } from './studentSize';

const teacher = (id: string, labels: string[], side: number): TeacherMetadata =>
  ({ id, title: id, labels, input: { height: side, width: side, channels: 3, mean: 0, std: 1 }, featureLayer: 'features', featureSize: 64 }) as TeacherMetadata;

function storeWith(teachers: TeacherMetadata[]) {
  const store = createStudioStore();
  store.getState().setTeacherZoo({ phase: 'ready', entries: teachers.map((metadata) => ({ id: metadata.id, metadata })) });
  for (const t of teachers) store.getState().setTeacherPicked(t.id, true);
  return store;
}

describe('draftStudentShape', () => {
  it('reads the union of the picked teachers, the data set and the working resolution, as a run would', () => {
    const store = storeWith([teacher('a', ['cat', 'dog', 'cow'], 64), teacher('b', ['dog', 'owl'], 64)]);
    store.getState().setTransfer('emoji');
    const s = store.getState();
    // auto never goes above the data's own 32 px; emoji is colour; the union has 4 classes.
    expect(draftStudentShape(s)).toEqual({ arch: 'small-cnn', width: defaultConfig.studentWidth, side: 32, channels: 3, headSizes: [4] });
    const multi = { ...s.draft, taskMode: 'multi-head' as const, studentArch: 'resnet' as const, resolution: '96' as const };
    expect(draftStudentShape(s, multi)).toEqual({ arch: 'resnet', width: defaultConfig.studentWidth, side: 96, channels: 3, headSizes: [3, 2] });
  });

  it('takes a dropped set at the size it was decoded to, and MNIST as 28 px gray with no teacher', () => {
    const store = storeWith([]);
    expect(draftStudentShape(store.getState())).toMatchObject({ side: 28, channels: 1, headSizes: [] });
    const transfer = { id: 'dropped:photos', role: 'transfer', height: 64, width: 64, channels: 3 } as LoadImageFilesResult;
    store.getState().addDroppedImageSet({ id: 'dropped:photos', name: 'photos', transfer, evaluation: null });
    store.getState().setTransfer('dropped:photos');
    expect(draftStudentShape(store.getState(), { ...store.getState().draft, resolution: 'auto' })).toMatchObject({ side: 28, channels: 3 });
    expect(draftStudentShape(store.getState(), { ...store.getState().draft, resolution: '64' })).toMatchObject({ side: 64, channels: 3 });
  });
});

describe('the panel wording', () => {
  const digits = { arch: 'small-cnn' as const, width: 32, side: 28, channels: 1, headSizes: [10] };

  it('gives the parameter count, or says why the student cannot be built', () => {
    expect(paramCountText(digits)).toBe(`${studentParamCount(digits)!.toLocaleString('en-US')} parameters: small-cnn, width 32, at 28 × 28 gray, one head of 10 classes`);
    expect(paramCountText({ ...digits, headSizes: [] })).toMatch(/heads not counted/);
    expect(paramCountText({ ...digits, side: 8 })).toMatch(/cannot be built at 8 × 8 gray/);
  });

  it('shows the measured figure of exactly that shape, and none for a shape not measured', () => {
    const table: StepTimeMeasurement = { ...studentStepTimes, cores: 2, rows: [{ arch: 'small-cnn', side: 28, channels: 1, width: 32, classes: 10, batch: 64, wallMs: 140.4, cpuMs: 86.6 }] };
    const text = stepTimeText(digits, table);
    expect(text).toMatch(/^≈ 87 ms\/step on wasm at batch 64, measured on a 2-core machine/);
    expect(text).toMatch(/its wall clock read 140 ms/);
    expect(text).toMatch(/scaled by nothing/);
    expect(stepTimeText({ ...digits, width: 16 }, table)).toMatch(/^No step time measured for small-cnn at width 16 .*none is estimated/);
    expect(stepTimeText({ ...digits, channels: 3 }, table)).toMatch(/^No step time measured/);
  });

  it('the committed table holds both architectures at 28 px gray, 32 and 64 px colour, at width 32 and the default width', () => {
    for (const arch of ['small-cnn', 'resnet'] as const) {
      for (const width of [32, defaultConfig.studentWidth]) {
        for (const [side, channels] of [[28, 1], [32, 3], [64, 3]]) expect(stepTimeText({ arch, width, side, channels, headSizes: [10] }), `${arch} ${side} w${width}`).toMatch(/^≈ \d+ ms\/step/);
      }
    }
  });
});

describe('trunkText', () => {
  it('names the teacher a trunk copies in place of the scratch size, and says when none is picked at that place', () => {
    const store = storeWith([teacher('a', ['cat', 'dog'], 32), teacher('b', ['owl'], 64)]);
    store.setState({ pickedTeacherIds: ['a', 'b'] });
    const s = store.getState();
    expect(trunkText(s)).toBeNull();
    const text = trunkText(s, { ...s.draft, studentTrunk: 'teacher-frozen', studentTrunkTeacher: 1 });
    expect(text).toContain('b');
    expect(text).toContain(`64 × 64 colour input), frozen, then features of ${8 * defaultConfig.studentWidth} `);
    expect(trunkText(s, { ...s.draft, studentTrunk: 'teacher-finetune', studentTrunkTeacher: 2 })).toMatch(/No teacher 2 is picked/);
  });
});
