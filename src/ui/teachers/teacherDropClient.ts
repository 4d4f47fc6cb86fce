import { studioStore } from '../store/studioStore';
import { trainingWorker } from '../workerClient';
import { createTeacherDropper } from './teacherDropper';

/** The page's dropper: drops go to the page's one worker, outcomes to the page's store. */
export const teacherDropper = createTeacherDropper((request) => trainingWorker.call(request), studioStore);
