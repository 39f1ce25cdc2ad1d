// Server-sent events read with fetch rather than EventSource: EventSource cannot send the
// Authorization header, and a token in the query string would end up in access logs.
import { authFetch } from './session';

export interface LiveStream { close(): void }

type State = 'connecting' | 'live' | 'offline';

/** Opens path as an event stream; reconnects with a growing pause until closed. */
export function openStream(path: string, onEvent: (type: string, data: string) => void, onState: (state: State) => void): LiveStream {
  let closed = false;
  let controller: AbortController | null = null;
  let pause = 1000;

  async function run(): Promise<void> {
    while (!closed) {
      controller = new AbortController();
      onState('connecting');
      try {
        const response = await authFetch(path, { headers: { Accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store' });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        pause = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) type = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (data.length === 0) continue; // a keep-alive comment
            if (type === 'ready') onState('live');
            onEvent(type, data.join('\n'));
          }
        }
      } catch {
        // network gone, server stopping, or closed by us: fall through to the pause
      }
      if (closed) return;
      onState('offline');
      await new Promise((resolve) => window.setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 30000);
    }
  }

  void run();
  return {
    close() {
      closed = true;
      controller?.abort();
    },
  };
}
