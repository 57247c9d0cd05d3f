import type { Area } from './area';
import { coordinatorArea } from './coordinator';
import { divisionArea } from './division';
import { inspectorArea } from './inspector';
import { reviewArea } from './review';
import { supervisorArea } from './supervisor';

/** Every area, in the order the menu shows them; a person sees those of their roles. */
export const AREAS: Area[] = [coordinatorArea, divisionArea, inspectorArea, reviewArea, supervisorArea];
