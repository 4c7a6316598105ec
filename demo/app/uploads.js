/**
 * The uploads page: a file list and an upload button. When an upload ends the app tracks
 * `uploaded-file` with how long it took and whether the visitor left the page meanwhile,
 * as the seed scenario's site does.
 */
import { h } from '../lib/dom.js';
import { when } from '../lib/format.js';
import { sdkNow, track } from '../lib/sdk.js';

const SAMPLES = [['holiday.jpg', 2_400], ['report-q3.pdf', 860], ['demo-video.mp4', 48_200], ['logo.svg', 12]];
const files = [
  { name: 'contract-signed.pdf', size: 1_320, at: Date.now() - 3 * 86_400_000 },
  { name: 'team-photo.png', size: 5_610, at: Date.now() - 26 * 3_600_000 },
];
let sample = 0;

const size = (kb) => (kb >= 1000 ? `${(kb / 1000).toFixed(1)} MB` : `${kb} KB`);

function fileRow(file) {
  return h('tr', {}, h('td', {}, file.name), h('td', {}, size(file.size)), h('td', {}, file.progress === undefined ? when(file.at) : h('progress', { max: 100, value: file.progress, attrs: { 'aria-label': `Uploading ${file.name}` } })));
}

/** Uploads one file, simulated in about two seconds, then tracks `uploaded-file`. */
function upload(name, kb, table) {
  const file = { name, size: kb, progress: 0, at: sdkNow() };
  files.unshift(file);
  const started = performance.now();
  let left = document.visibilityState === 'hidden';
  const onHide = () => { if (document.visibilityState === 'hidden') left = true; };
  document.addEventListener('visibilitychange', onHide);
  const refresh = () => table.replaceChildren(...files.map(fileRow));
  refresh();
  const step = () => {
    file.progress = Math.min(100, file.progress + 20);
    if (file.progress < 100) return void (setTimeout(step, 250), refresh());
    delete file.progress;
    file.at = sdkNow();
    document.removeEventListener('visibilitychange', onHide);
    refresh();
    track('uploaded-file', {
      file_name: name, file_url: `https://files.example.com/${encodeURIComponent(name)}`, size_kb: kb,
      duration_s: Math.max(1, Math.round((performance.now() - started) / 1000)), left_page: left,
    });
  };
  setTimeout(step, 250);
}

export const uploadsView = {
  title: 'Uploads',
  render() {
    const table = h('tbody', {}, ...files.map(fileRow));
    const picker = h('input', { type: 'file', id: 'file-input', multiple: true, className: 'visually-hidden' });
    picker.addEventListener('change', () => {
      for (const f of picker.files) upload(f.name, Math.max(1, Math.round(f.size / 1000)), table);
      picker.value = '';
    });
    return h('section', { className: 'page uploads', attrs: { 'aria-labelledby': 'uploads-title' } },
      h('div', { className: 'page-head' },
        h('h1', { id: 'uploads-title', tabIndex: -1 }, 'Your uploads'),
        h('div', { className: 'row' },
          h('button', { type: 'button', id: 'upload-button', className: 'primary', onclick: () => {
            const [name, kb] = SAMPLES[sample++ % SAMPLES.length];
            upload(name, kb, table);
          } }, 'Upload a sample file'),
          picker,
          h('label', { htmlFor: 'file-input', className: 'button' }, 'Choose files…'))),
      h('p', { className: 'lead' }, 'When an upload ends, Filebox tracks ', h('code', {}, 'uploaded-file'), ' with its ', h('code', {}, 'duration_s'),
        ' and ', h('code', {}, 'left_page'), '. These take seconds; the presets in the panel replay a 3-minute one.'),
      h('table', { className: 'files' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Size'), h('th', { scope: 'col' }, 'Uploaded'))),
        table));
  },
};
