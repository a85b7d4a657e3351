import { api } from './api';
import type { InclusionProof } from './types';

/** A C2SP checkpoint as the page needs it: origin, size, root, and who signed it (the note's first signature line). */
export interface CheckpointView {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  keyName: string;
}

export function parseCheckpoint(note: string): CheckpointView | null {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return null;
  const [origin, size, root] = note.slice(0, split).split('\n');
  const signature = note.slice(split + 2).split('\n').find((l) => l.startsWith('\u2014 '));
  if (!origin || !size || !root || !signature) return null;
  return { origin, treeSize: Number(size), rootHash: fromBase64(root), keyName: signature.split(' ')[1] };
}

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 1;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input));
}

/** RFC 9162 §2.1.3.2: does the proof lead from its leaf hash to the root? */
export async function verifyInclusion(proof: InclusionProof, root: Uint8Array): Promise<boolean> {
  if (proof.leafIndex >= proof.treeSize) return false;
  let fn = proof.leafIndex;
  let sn = proof.treeSize - 1;
  let r: Uint8Array = fromBase64(proof.leafHash);
  for (const p of proof.hashes.map(fromBase64)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.length === root.length && r.every((b, i) => b === root[i]);
}

export interface LogCheck {
  checkpoint: CheckpointView;
  signedAt: string | null;
  events: number;
  /** Versions whose events are not yet in the checkpoint, or whose proof fails. */
  notYet: boolean;
  failed: number | null;
  bundle: string;
}

/** Fetches the key, the checkpoint, the experiment's export lines and a proof for each; checks each proof here. */
export async function checkAgainstLog(experimentId: string, signal?: AbortSignal): Promise<LogCheck> {
  const [key, checkpointText, lines] = await Promise.all([
    api.logKey(signal), api.logCheckpoint(signal), api.exportLines(experimentId, signal),
  ]);
  const checkpoint = parseCheckpoint(checkpointText.text);
  if (!checkpoint) throw new Error('The checkpoint is not a signed note.');
  const events = lines.map((l) => JSON.parse(l) as { sequence: number; version: number; leafIndex: number | null });
  const notYet = events.some((e) => e.leafIndex === null || e.leafIndex >= checkpoint.treeSize);
  const proofs: InclusionProof[] = [];
  let failed: number | null = null;
  if (!notYet) {
    for (const e of events) {
      const proof = await api.inclusionProof(e.sequence, checkpoint.treeSize, signal);
      proofs.push(proof);
      if (failed === null && !(await verifyInclusion(proof, checkpoint.rootHash))) failed = e.version;
    }
  }
  const bundle = JSON.stringify({ key: key.text.trim(), checkpoint: checkpointText.text, events: lines, proofs }, null, 2);
  return { checkpoint, signedAt: checkpointText.lastModified, events: events.length, notYet, failed, bundle };
}
