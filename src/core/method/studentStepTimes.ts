import type { StepTimeMeasurement } from './studentSpeed';

/**
 * Written by `npm run student-speed -- --write` on 2026-12-04 (scripts/student-speed.ts): measured, not
 * estimated; the method panel shows these figures as they are, scaled by nothing.
 * Machine: AMD EPYC, 2 cores, Node v20.20.2, tfjs 4.22.0 wasm (1 thread), load average 6.7 (shared).
 */
export const studentStepTimes: StepTimeMeasurement = {
  date: "2026-12-04",
  command: "npm run student-speed -- --write",
  cpu: "AMD EPYC",
  cores: 2,
  node: "v20.20.2",
  tfjs: "4.22.0",
  loadAverage: 6.7,
  rows: [
    {"arch":"small-cnn","side":28,"channels":1,"width":32,"classes":10,"batch":64,"wallMs":141.6,"cpuMs":86.8},
    {"arch":"small-cnn","side":32,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":421.7,"cpuMs":102.6},
    {"arch":"small-cnn","side":64,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":847.2,"cpuMs":492.8},
    {"arch":"resnet","side":28,"channels":1,"width":32,"classes":10,"batch":64,"wallMs":308.5,"cpuMs":193.1},
    {"arch":"resnet","side":32,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":811.9,"cpuMs":265.3},
    {"arch":"resnet","side":64,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":2203.4,"cpuMs":1059.3},
  ],
};
