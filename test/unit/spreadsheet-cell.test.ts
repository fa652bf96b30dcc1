import { describe, expect, it } from 'vitest';
import { looksLikeFormula, spreadsheetCell } from '../../src/domain/spreadsheet-cell.js';

describe('spreadsheetCell', () => {
  it.each(['=1+1', '+591 7', '-3', '@SUM(A1)', '\tA', '\rA'])('keeps %j as text with a leading quote', (text) => {
    expect(looksLikeFormula(text)).toBe(true);
    expect(spreadsheetCell(text)).toBe(`'${text}`);
  });

  it.each(['Familia Condori', 'café | cacao', '2025-01-01', "'=ya citado", ''])('leaves %j as it is', (text) => {
    expect(looksLikeFormula(text)).toBe(false);
    expect(spreadsheetCell(text)).toBe(text);
  });
});
