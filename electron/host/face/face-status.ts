import type { FaceEngineErrorCode, FaceEngineStatus } from './face-engine';

/** The camera's detail code for each way the face engine fails, as staff see it (staff.detail.*). */
export const FACE_ENGINE_DETAILS: Record<FaceEngineErrorCode, string> = {
  modelMissing: 'faceEngineModelMissing',
  wasmMissing: 'faceEngineWasmMissing',
  loadFailed: 'faceEngineLoadFailed',
  badInput: 'faceEngineLoadFailed',
};

/** The camera's detail while the face engine is down, or null while it loads or works. */
export function faceEngineDetail(status: FaceEngineStatus): string | null {
  return status.state === 'failed' ? FACE_ENGINE_DETAILS[status.code] : null;
}
