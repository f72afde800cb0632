import ExcelJS from 'exceljs';

/**
 * Fills cells of an exported template's "Chỉ tiêu" sheet the way a clerk would in Excel: by the Mã
 * of each row and the header of each column. Returns the file and the row each code was found on.
 */
export async function fillTemplate(bytes: Buffer, values: Record<string, Record<string, string | number>>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Chỉ tiêu')!;
  let headerRow = 0;
  const col: Record<string, number> = {};
  sheet.eachRow((row, n) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (typeof cell.value === 'string') col[cell.value.trim()] = c;
    });
    if (col['Mã'] && col['Số đạt được']) headerRow = n;
  });
  const rows: Record<string, number> = {};
  sheet.eachRow((row, n) => {
    if (n <= headerRow) return;
    const code = String(row.getCell(col['Mã']!).value ?? '');
    const v = values[code];
    if (!v) return;
    rows[code] = n;
    for (const [header, value] of Object.entries(v)) row.getCell(col[header]!).value = value;
  });
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}
