// The call display (a TV in the waiting room): the numbers being called and their counters, the newest one
// large, waiting counts per field. Pushed by server-sent events (EventSource reconnects after a blip; a
// banner says so meanwhile). A new call plays a chime and says "Mời số A012 đến quầy 3" when the browser
// has a Vietnamese voice (browsers allow sound only after one click on the page: the "sound on" button).
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useQT } from '../../i18n/queue';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { getJson } from './common';
import './queue.css';

type Board = {
  calling: { number: string; counter: number; counterName: string; fieldId: string; calledAt: string; callCount: number }[];
  waiting: { fieldId: string; count: number }[];
};
type Info = { unitName: string; fields: { id: string; name: string; prefix: string }[] };

function chime(ctx: AudioContext) {
  const t0 = ctx.currentTime;
  for (const [i, f] of [660, 880].entries()) {
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.frequency.value = f;
    g.gain.setValueAtTime(0.0001, t0 + i * 0.35);
    g.gain.exponentialRampToValueAtTime(0.3, t0 + i * 0.35 + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.35 + 0.6);
    o.connect(g).connect(ctx.destination);
    o.start(t0 + i * 0.35);
    o.stop(t0 + i * 0.35 + 0.65);
  }
}

/** "A012" read digit by digit as Vietnamese speakers announce it: "A không một hai". */
function spoken(number: string): string {
  return number.split('').join(' ');
}

export default function Display() {
  const t = useQT();
  const { unitId = '' } = useParams();
  useDocumentTitle(t('q.display.title'));
  const [info, setInfo] = useState<Info | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [online, setOnline] = useState(true);
  const [sound, setSound] = useState(false);
  const seen = useRef<Set<string> | null>(null);
  const audio = useRef<AudioContext | null>(null);

  useEffect(() => {
    void getJson<Info>(`/api/public/queue/${unitId}`).then(setInfo, () => undefined);
    const es = new EventSource(`/api/public/queue/${unitId}/board`);
    es.addEventListener('board', (e) => {
      setOnline(true);
      setBoard(JSON.parse((e as MessageEvent<string>).data) as Board);
    });
    es.onopen = () => setOnline(true);
    es.onerror = () => setOnline(false);
    return () => es.close();
  }, [unitId]);

  // Announce calls not seen before (a recall counts as a new call); nothing for the board's first load.
  useEffect(() => {
    if (!board) return;
    const keys = board.calling.map((c) => `${c.number}|${c.counter}|${c.callCount}|${c.calledAt}`);
    if (seen.current === null) {
      seen.current = new Set(keys);
      return;
    }
    const fresh = board.calling.filter((_c, i) => !seen.current!.has(keys[i]!));
    keys.forEach((k) => seen.current!.add(k));
    if (!sound || fresh.length === 0) return;
    if (audio.current) chime(audio.current);
    if (!('speechSynthesis' in window)) return;
    const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith('vi'));
    if (!voice) return;
    for (const c of fresh.reverse()) {
      const u = new SpeechSynthesisUtterance(`Mời số ${spoken(c.number)} đến quầy ${c.counter}`);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      speechSynthesis.speak(u);
    }
  }, [board, sound]);

  const latest = board?.calling[0];
  return (
    <main className="q-display">
      {!online && <div className="q-offline">{t('q.display.offline')}</div>}
      <section>
        <h1>{info?.unitName}</h1>
        {latest && (
          <div className="q-now" data-testid="now-calling" aria-live="assertive">
            {t('q.display.calling')} <div className="q-num">{latest.number}</div>
            {t('q.display.counter')} {latest.counter}
          </div>
        )}
        <table className="q-calls" data-testid="calling">
          <thead>
            <tr>
              <th>{t('q.display.calling')}</th>
              <th>{t('q.display.counter')}</th>
            </tr>
          </thead>
          <tbody>
            {board?.calling.slice(1, 7).map((c) => (
              <tr key={c.number}>
                <td>{c.number}</td>
                <td>{c.counter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <aside>
        <h1>{t('q.display.waiting')}</h1>
        <ul className="q-list q-waiting" data-testid="waiting">
          {info?.fields.map((f) => (
            <li key={f.id}>
              <span>{f.name}</span>
              <strong>{board?.waiting.find((w) => w.fieldId === f.id)?.count ?? 0}</strong>
            </li>
          ))}
        </ul>
      </aside>
      {!sound && (
        <button
          className="q-secondary q-sound"
          onClick={() => {
            audio.current = new AudioContext();
            if ('speechSynthesis' in window) speechSynthesis.getVoices();
            setSound(true);
          }}
        >
          {t('q.display.sound')}
        </button>
      )}
    </main>
  );
}
