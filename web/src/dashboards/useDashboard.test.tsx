import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DashboardQuery } from '../api';
import { LiveRegionProvider } from '../components/LiveRegion';
import { fakeHub, mockFetch, signIn } from '../test/utils';
import { useDashboard } from './useDashboard';

const wrapper = ({ children }: { children: ReactNode }) => <LiveRegionProvider>{children}</LiveRegionProvider>;
const liveRegion = () => document.querySelector('[data-testid="live-region"]')!;

function render(query: DashboardQuery) {
  return renderHook((q: DashboardQuery) => useDashboard<{ scope: string; total: number }>('funnel', q), { wrapper, initialProps: query });
}

describe('useDashboard', () => {
  it('loads with GET, watches the scope, replaces the figures on dashboardChanged and announces it', async () => {
    signIn();
    const calls = mockFetch({ '/api/dashboards/funnel': { scope: 'county:helsinki', total: 7 } });
    const { result, unmount } = render({ county: 'helsinki', theme: 'chat' });
    expect(result.current.loading).toBe(true);

    await waitFor(() => expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 7 }));
    expect(calls.map((c) => c.url)).toEqual(['/api/dashboards/funnel?county=helsinki&theme=chat']);
    expect(result.current.at).toBeUndefined();
    expect(result.current.liveUpdatedAt).toBeNull();
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'county:helsinki']));

    act(() => fakeHub().push('pilots', 'county:helsinki', { scope: 'county:helsinki', total: 99 }));
    act(() => fakeHub().push('funnel', 'national', { scope: 'national', total: 99 }));
    expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 7 });

    act(() => fakeHub().push('funnel', 'county:helsinki', { scope: 'county:helsinki', total: 8 }));
    expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 8 });
    expect(result.current.liveUpdatedAt).toBeInstanceOf(Date);
    await waitFor(() => expect(liveRegion().textContent).toMatch(/^Luvut päivitetty klo \d{1,2}\.\d\d$/));

    unmount();
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Unwatch', 'funnel', 'county:helsinki']));
  });

  it('takes the figures Watch answers, at once and after a reconnect, so changes made meanwhile show without a push', async () => {
    signIn();
    let total = 8; // a change committed between the GET and the Watch
    fakeHub().answer = (dashboard, scope) => ({ dashboard, scope, data: { scope, total } });
    mockFetch({ '/api/dashboards/funnel': { scope: 'county:helsinki', total: 7 } });
    const { result } = render({ county: 'helsinki' });
    await waitFor(() => expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 8 }));
    expect(result.current.liveUpdatedAt).toBeInstanceOf(Date);

    total = 11; // changes while the connection was down, whose pushes went nowhere
    act(() => fakeHub().reconnected?.());
    await waitFor(() => expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 11 }));
    expect(fakeHub().invoked.filter((x) => x[0] === 'Watch')).toHaveLength(2);
  });

  it('announces nothing when Watch answers the figures already shown', async () => {
    signIn();
    fakeHub().answer = (dashboard, scope) => ({ dashboard, scope, data: { scope, total: 7 } });
    mockFetch({ '/api/dashboards/funnel': { scope: 'county:helsinki', total: 7 } });
    const { result } = render({ county: 'helsinki' });
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'county:helsinki']));
    await new Promise((r) => setTimeout(r, 20));
    expect(result.current.liveUpdatedAt).toBeNull();
    expect(liveRegion().textContent).toBe('');
  });

  it('with a past time asks for it, watches nothing and ignores pushes; back to live it watches again', async () => {
    signIn();
    const calls = mockFetch({
      '/api/dashboards/funnel': (url) => [200, { scope: 'county:helsinki', total: url.searchParams.has('at') ? 3 : 7 }],
    });
    const at = '2026-03-01T10:00:00.000Z';
    const { result, rerender } = render({ county: 'helsinki', at });

    await waitFor(() => expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 3 }));
    expect(result.current.at).toBe(at);
    expect(calls.map((c) => c.url)).toEqual([`/api/dashboards/funnel?county=helsinki&at=${encodeURIComponent(at)}`]);

    act(() => fakeHub().push('funnel', 'county:helsinki', { scope: 'county:helsinki', total: 8 }));
    expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 3 });
    expect(result.current.liveUpdatedAt).toBeNull();
    await new Promise((r) => setTimeout(r, 50)); // time enough for a Watch to reach the hub
    expect(fakeHub().invoked).toEqual([]);

    rerender({ county: 'helsinki' });
    await waitFor(() => expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 7 }));
    expect(result.current.at).toBeUndefined();
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'county:helsinki']));
    act(() => fakeHub().push('funnel', 'county:helsinki', { scope: 'county:helsinki', total: 8 }));
    expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 8 });
  });

  it('watches the scope the server answered for, not one of its own making', async () => {
    signIn({ role: 'leadership', county: '*', user: 'valtakunnallinen-johto' });
    mockFetch({ '/api/dashboards/funnel': { scope: 'theme:ikäihmiset', total: 70 } });
    const { result } = render({ theme: ' Ikäihmiset' });
    await waitFor(() => expect(result.current.data).toEqual({ scope: 'theme:ikäihmiset', total: 70 }));
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'theme:ikäihmiset']));
    expect(fakeHub().invoked.filter((x) => x[0] === 'Watch')).toHaveLength(1);
    act(() => fakeHub().push('funnel', 'theme:ikäihmiset', { scope: 'theme:ikäihmiset', total: 71 }));
    expect(result.current.data).toEqual({ scope: 'theme:ikäihmiset', total: 71 });
  });

  it('gives the problem and no figures when the GET fails', async () => {
    signIn();
    mockFetch({ '/api/dashboards/funnel': () => [403, { title: 'Forbidden', status: 403, detail: 'Ei oikeutta.' }] });
    const { result } = render({ county: 'helsinki' });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data).toBeNull();
    expect((result.current.error as Error).message).toBe('Ei oikeutta.');
  });
});

describe('when SignalR gives up reconnecting', () => {
  it('starts again while the session is valid, retrying while no node answers, and watches again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      signIn();
      mockFetch({
        '/api/dashboards/funnel': { scope: 'county:helsinki', total: 7 },
        '/api/session': { signedIn: true, user: 'vk-projektitoimisto', role: 'projectOffice', county: 'vantaa-kerava' },
      });
      fakeHub().answer = (dashboard, scope) => ({ dashboard, scope, data: { scope, total: 9 } });
      const { result } = render({ county: 'helsinki' });
      await waitFor(() => expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 9 }));

      fakeHub().answer = (dashboard, scope) => ({ dashboard, scope, data: { scope, total: 12 } });
      fakeHub().failStarts = 1; // the first start after the close finds no node
      act(() => fakeHub().closed?.());
      await waitFor(() => expect(fakeHub().failStarts).toBe(0));
      expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 9 });

      await act(async () => {
        await vi.advanceTimersByTimeAsync(21000);
      });
      await waitFor(() => expect(result.current.data).toEqual({ scope: 'county:helsinki', total: 12 }));
      expect(fakeHub().invoked.filter((x) => x[0] === 'Watch')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not start again when the session has ended', async () => {
    signIn();
    mockFetch({
      '/api/dashboards/funnel': { scope: 'county:helsinki', total: 7 },
      '/api/session': { signedIn: false },
    });
    render({ county: 'helsinki' });
    await waitFor(() => expect(fakeHub().invoked).toContainEqual(['Watch', 'funnel', 'county:helsinki']));
    act(() => fakeHub().closed?.());
    await new Promise((r) => setTimeout(r, 50));
    expect(fakeHub().invoked.filter((x) => x[0] === 'Watch')).toHaveLength(1);
  });
});

describe('restartDelay', () => {
  it('waits 15–20 s, so browsers do not all come back at once', async () => {
    const { restartDelay } = await import('../signalr');
    for (let i = 0; i < 20; i++) {
      const d = restartDelay();
      expect(d).toBeGreaterThanOrEqual(15000);
      expect(d).toBeLessThan(20000);
    }
  });
});
