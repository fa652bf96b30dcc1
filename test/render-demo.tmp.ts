import fs from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { pdfText, renderPage, decodeQr } from '/work/main/test/helpers/pdf-reader.ts';
for (const f of fs.readdirSync('/tmp/demo-data/demo')) {
  const buf = fs.readFileSync(`/tmp/demo-data/demo/${f}`);
  console.log('=====', f); console.log((await pdfText(buf)).join('\n---page---\n'));
  if (f.startsWith('certificado')) console.log('QR:', await decodeQr(buf));
  const img = await renderPage(buf, 1, 1.5);
  const c = createCanvas(img.width, img.height); const ctx = c.getContext('2d');
  const id = ctx.createImageData(img.width, img.height); id.data.set(img.data); ctx.putImageData(id, 0, 0);
  fs.writeFileSync(`/tmp/${f}.png`, c.toBuffer('image/png'));
}
