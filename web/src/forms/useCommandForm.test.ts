import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { useCommandForm } from './useCommandForm';
import { Check } from './values';

type V = { value: string; reason: string };
const options = (send: (v: V, expected: number | undefined) => Promise<{ id: string; version: number }>, onSaved = vi.fn()) => ({
  draftKey: 'test:form',
  initial: (): V => ({ value: '', reason: '' }),
  validate: (v: V) => new Check().required('value', v.value).errors,
  send,
  version: 4,
  onSaved,
});

describe('a command form', () => {
  it('checks before sending, and sends nothing while a field is wrong', async () => {
    const send = vi.fn();
    const { result } = renderHook(() => useCommandForm<V>(options(send)));
    await act(() => result.current.submit());
    expect(result.current.errors.value.key).toBe('form.errors.required');
    expect(send).not.toHaveBeenCalled();
  });

  it('on a stale version shows the conflict, keeps what was typed and saves on top of the newer version', async () => {
    const send = vi.fn()
      .mockRejectedValueOnce(new ApiError(409, 'Version conflict', 'stale', null, { currentVersion: 6 }))
      .mockResolvedValueOnce({ id: 'x', version: 7 });
    const onSaved = vi.fn();
    const { result } = renderHook(() => useCommandForm<V>(options(send, onSaved)));
    act(() => result.current.set({ value: '171' }));
    await act(() => result.current.submit());
    expect(send).toHaveBeenLastCalledWith({ value: '171', reason: '' }, 4);
    expect(result.current.conflict).toEqual({ from: 4, to: 6, stage: undefined });
    expect(result.current.values.value).toBe('171');
    await act(() => result.current.submit());
    expect(send).toHaveBeenLastCalledWith({ value: '171', reason: '' }, 6);
    expect(onSaved).toHaveBeenCalledWith({ id: 'x', version: 7 });
    expect(sessionStorage.getItem('projectledger.draft.test:form')).toBeNull();
  });

  it('keeps the draft through a lost connection and a reload', async () => {
    const send = vi.fn().mockRejectedValue(new ApiError(0, 'network', null));
    const first = renderHook(() => useCommandForm<V>(options(send)));
    act(() => first.result.current.set({ value: '42', reason: 'Huhtikuu' }));
    await act(() => first.result.current.submit());
    expect(first.result.current.problem?.status).toBe(0);
    first.unmount();
    const again = renderHook(() => useCommandForm<V>(options(send)));
    expect(again.result.current.values).toEqual({ value: '42', reason: 'Huhtikuu' });
  });

  it('maps the API field errors to the fields in the UI language', async () => {
    const send = vi.fn().mockRejectedValue(new ApiError(400, 'invalid', 'x', { value: ['A number is required.'] }));
    const { result } = renderHook(() => useCommandForm<V>(options(send)));
    act(() => result.current.set({ value: 'x' }));
    await act(() => result.current.submit());
    expect(result.current.errors.value.key).toBe('form.errors.numberRequired');
  });

  it('learns of a newer version while open (a live update) and sends that one', async () => {
    const send = vi.fn().mockResolvedValue({ id: 'x', version: 9 });
    let latest = 4;
    const { result, rerender } = renderHook(() => useCommandForm<V>({ ...options(send), latestVersion: latest, latestStage: 'Piloting' }));
    latest = 8;
    rerender();
    expect(result.current.conflict).toEqual({ from: 4, to: 8, stage: 'Piloting' });
    act(() => result.current.set({ value: '1' }));
    await act(() => result.current.submit());
    expect(send).toHaveBeenLastCalledWith({ value: '1', reason: '' }, 8);
  });
});
