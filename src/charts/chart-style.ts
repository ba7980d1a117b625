/**
 * How a chart looks: its size and type, and the look of each series. Every series differs
 * by colour AND by dash and marker, so a figure printed in greyscale still tells them apart.
 * The colours are Okabe and Ito's palette for colour-blind readers ("Color Universal
 * Design", jfly.uni-koeln.de/color), which also differ in lightness.
 */
export interface ChartOptions {
  /** width of the SVG, CSS px (96 per inch) */
  width: number;
  /** height of the SVG, CSS px */
  height: number;
  /** font size of the labels, CSS px; the title is 1.1 times it */
  fontSize: number;
}

/**
 * One column of a two-column paper: 3.3 in wide, 2.3 in high, 8.5 pt type (8.5 pt = 11.33
 * px at 96 px per inch). `msasim plot` draws with these.
 */
export const PAPER_FIGURE: ChartOptions = { width: 317, height: 221, fontSize: 11.33 };

/** The HTML report's size: wider, for a screen. */
export const SCREEN_FIGURE: ChartOptions = { width: 640, height: 340, fontSize: 12 };

export const FONT_FAMILY = 'Helvetica, Arial, sans-serif';

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; '' draws a solid line */
  dash: string;
  /** a d3 symbol name (d3.symbolsFill's order) */
  marker: 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' | 'wye';
  /** fill of a bar or area, a pattern-free grey level that prints apart from its neighbours */
  fill: string;
}

// Okabe and Ito's eight and a grey; yellow last: it is faint as a line on white, but a cost
// breakdown can have nine parts.
const OKABE_ITO = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#999999',
  '#F0E442',
];
const DASHES = ['', '5,3', '2,2', '8,3,2,3', '1,3', '10,4', '4,2,1,2,1,2', '6,2,2,2', '3,1'];
const MARKERS: SeriesStyle['marker'][] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'star',
  'wye',
];

/** The style of the i-th series; past nine the styles repeat (markers past seven). */
export function seriesStyle(index: number): SeriesStyle {
  const i = index % OKABE_ITO.length;
  return {
    color: OKABE_ITO[i]!,
    dash: DASHES[i]!,
    marker: MARKERS[index % MARKERS.length]!,
    fill: OKABE_ITO[i]!,
  };
}
