// The rows of a CSV file with the line each starts on, so that a problem in a file read
// back (a damaged runs.csv) can be named by line. RFC 4180 as msasim writes it: "\n" line
// ends ("\r\n" is read too), a cell in double quotes when it holds a comma, a quote or a
// line end.

export interface CsvRow {
  /** 1-based line of the file the row starts on */
  line: number;
  cells: string[];
}

export type CsvCells = { rows: CsvRow[] } | { problem: string };

export function csvCells(text: string): CsvCells {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      // A file saved again by a spreadsheet on Windows: "\r\n" ends its lines.
    } else if (char === '\n') {
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (quoted) return { problem: `line ${quoteLine}: a quoted cell is not closed (truncated?)` };
  if (cell !== '' || cells.length > 0) {
    return {
      problem: `line ${rowLine}: the file ends in the middle of a line (truncated?): msasim ends every line with a newline`,
    };
  }
  return { rows };
}
