import type { StepTimeMeasurement } from './studentSpeed';

/**
 * Written by `npm run student-speed -- --write` on 2026-12-05 (scripts/student-speed.ts): measured, not
 * estimated; the method panel shows these figures as they are, scaled by nothing.
 * Machine: AMD EPYC, 2 cores, Node v20.20.2, tfjs 4.22.0 wasm (1 thread), load average 3.2 (shared).
 */
export const studentStepTimes: StepTimeMeasurement = {
  date: "2026-12-05",
  command: "npm run student-speed -- --write",
  cpu: "AMD EPYC",
  cores: 2,
  node: "v20.20.2",
  tfjs: "4.22.0",
  loadAverage: 3.2,
  rows: [
    {"arch":"small-cnn","side":28,"channels":1,"width":32,"classes":10,"batch":64,"wallMs":165.6,"cpuMs":80},
    {"arch":"small-cnn","side":28,"channels":1,"width":64,"classes":10,"batch":64,"wallMs":616.8,"cpuMs":203.2},
    {"arch":"small-cnn","side":32,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":232,"cpuMs":95},
    {"arch":"small-cnn","side":32,"channels":3,"width":64,"classes":10,"batch":64,"wallMs":955.6,"cpuMs":297},
    {"arch":"small-cnn","side":64,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":1439.4,"cpuMs":470.3},
    {"arch":"small-cnn","side":64,"channels":3,"width":64,"classes":10,"batch":64,"wallMs":4528.2,"cpuMs":1430.4},
    {"arch":"resnet","side":28,"channels":1,"width":32,"classes":10,"batch":64,"wallMs":609,"cpuMs":190.6},
    {"arch":"resnet","side":28,"channels":1,"width":64,"classes":10,"batch":64,"wallMs":1942.1,"cpuMs":571},
    {"arch":"resnet","side":32,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":750.5,"cpuMs":245.1},
    {"arch":"resnet","side":32,"channels":3,"width":64,"classes":10,"batch":64,"wallMs":2484,"cpuMs":791.1},
    {"arch":"resnet","side":64,"channels":3,"width":32,"classes":10,"batch":64,"wallMs":3496.4,"cpuMs":1041},
    {"arch":"resnet","side":64,"channels":3,"width":64,"classes":10,"batch":64,"wallMs":9884,"cpuMs":3332.6},
  ],
};
