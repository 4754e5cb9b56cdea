// The city map of the overview: the grid outlines of GET /api/v1/city/grids drawn on a <canvas>
// by the page itself (no tile server, no library, nothing from the network but the API), each
// grid filled by its open cases. A city has some 16,000 grids: the coordinates are converted once,
// the grids of one colour are filled together (a few dozen fills, not one per grid), and a click
// is found by a bounding-box test before the point-in-polygon test.
import { h } from "./dom.js";

// The colour classes, drawn in this order. Blue grows deeper with the open cases (`min` is the
// least count of the shade); a grid with a warned case is amber, with a breached one red.
export const CLASSES = [
  { key: "none", fill: "#e3e6eb" },
  { key: "open1", fill: "#c6dbef", min: 1 },
  { key: "open2", fill: "#8dbbe0", min: 3 },
  { key: "open3", fill: "#4a8fcc", min: 6 },
  { key: "open4", fill: "#1b5797", min: 10 },
  { key: "warned", fill: "#f0a020" },
  { key: "breached", fill: "#d32f2f" },
];
const OPEN_SHADES = [4, 3, 2, 1];  // indexes into CLASSES, deepest first
const BORDER = "rgba(255, 255, 255, 0.8)";
const CHOSEN = "#111";

// The index into CLASSES of a grid with these counts of open, warned and breached cases.
export function classOf(open, warned, breached) {
  if (breached > 0) return CLASSES.length - 1;
  if (warned > 0) return CLASSES.length - 2;
  for (const i of OPEN_SHADES) if (open >= CLASSES[i].min) return i;
  return 0;
}

// The outlines answer, converted once into the map's own plane: x is scaled by the cosine of the
// city's middle latitude (a degree of longitude is that much shorter than one of latitude), so
// the city keeps its shape; y grows northwards, as in the answer. Every point of every ring goes
// into one Float32Array `xy` [x0, y0, x1, y1, ...]: ring r is xy[ringStart[r] .. ringStart[r + 1]),
// the rings of grid i are gridRing[i] .. gridRing[i + 1], its bounding box boxes[4i .. 4i + 4).
export function prepareCity(answer) {
  const [west, south, east, north] = answer.bbox;
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const [cGrid, cCommunity, cStreet, cRings] =
    ["grid", "community", "street", "rings"].map((name) => answer.columns.indexOf(name));
  const rows = answer.grids;
  const n = rows.length;
  let points = 0;
  let ringCount = 0;
  for (const row of rows) {
    for (const ring of row[cRings]) points += ring.length;
    ringCount += row[cRings].length;
  }
  const city = {
    kx,
    width: (east - west) * answer.scale * kx,
    height: (north - south) * answer.scale,
    ids: new Array(n),
    community: new Array(n),
    street: new Array(n),
    index: new Map(),
    xy: new Float32Array(points),
    ringStart: new Uint32Array(ringCount + 1),
    gridRing: new Uint32Array(n + 1),
    boxes: new Float32Array(4 * n),
  };
  const { xy, ringStart, gridRing, boxes } = city;
  let at = 0;
  let r = 0;
  for (let i = 0; i < n; ++i) {
    const row = rows[i];
    city.ids[i] = row[cGrid];
    city.community[i] = row[cCommunity];
    city.street[i] = row[cStreet];
    city.index.set(row[cGrid], i);
    gridRing[i] = r;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const ring of row[cRings]) {
      ringStart[r++] = at;
      for (let j = 0; j + 1 < ring.length; j += 2) {
        const x = ring[j] * kx;
        const y = ring[j + 1];
        xy[at++] = x;
        xy[at++] = y;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    boxes[4 * i] = minX;
    boxes[4 * i + 1] = minY;
    boxes[4 * i + 2] = maxX;
    boxes[4 * i + 3] = maxY;
  }
  gridRing[n] = r;
  ringStart[r] = at;
  return city;
}

// Even-odd point-in-polygon over every ring of grid i (outer rings and holes alike), in the
// map's plane.
export function insideGrid(city, i, x, y) {
  const { xy, ringStart } = city;
  let inside = false;
  for (let r = city.gridRing[i]; r < city.gridRing[i + 1]; ++r) {
    const from = ringStart[r];
    const to = ringStart[r + 1];
    for (let k = from, j = to - 2; k < to; j = k, k += 2) {
      const yk = xy[k + 1];
      const yj = xy[j + 1];
      if (yk > y !== yj > y && x < ((xy[j] - xy[k]) * (y - yk)) / (yj - yk) + xy[k]) inside = !inside;
    }
  }
  return inside;
}

// The index of the grid under (x, y) in the map's plane, or -1: the bounding boxes first, the
// polygons only of the grids whose box holds the point.
export function gridAt(city, x, y) {
  const b = city.boxes;
  for (let i = 0; i < city.ids.length; ++i) {
    const o = 4 * i;
    if (x < b[o] || y < b[o + 1] || x > b[o + 2] || y > b[o + 3]) continue;
    if (insideGrid(city, i, x, y)) return i;
  }
  return -1;
}

// Adds the rings of grid i to `path`.
function traceGrid(path, city, i) {
  const { xy, ringStart } = city;
  for (let r = city.gridRing[i]; r < city.gridRing[i + 1]; ++r) {
    const from = ringStart[r];
    const to = ringStart[r + 1];
    if (to - from < 6) continue;
    path.moveTo(xy[from], xy[from + 1]);
    for (let k = from + 2; k < to; k += 2) path.lineTo(xy[k], xy[k + 1]);
    path.closePath();
  }
}

// Chromium's Path2D gets slower with every point it holds (each lineTo costs more the longer the
// path), so a batch of grids is a few paths of at most 256 grids each, not one path of thousands.
const GRIDS_PER_PATH = 256;

class PathBatch {
  paths = [];
  grids = GRIDS_PER_PATH;

  add(city, i) {
    if (this.grids === GRIDS_PER_PATH) {
      this.paths.push(new Path2D());
      this.grids = 0;
    }
    traceGrid(this.paths[this.paths.length - 1], city, i);
    ++this.grids;
  }
}

// The grids of each colour class for these counts (grid id → [open, warned, breached]), in two
// batches: grids of one ring, filled with the non-zero rule (the same picture as even-odd for one
// ring, at half the cost), and grids of several rings (parts, holes), filled even-odd.
function colourPaths(city, counts) {
  const batches = CLASSES.map(() => ({ oneRing: new PathBatch(), rings: new PathBatch() }));
  for (let i = 0; i < city.ids.length; ++i) {
    const c = counts.get(city.ids[i]);
    const batch = batches[c ? classOf(c[0], c[1], c[2]) : 0];
    (city.gridRing[i + 1] - city.gridRing[i] === 1 ? batch.oneRing : batch.rings).add(city, i);
  }
  return batches;
}

// The map as an element: a canvas as wide as its box (a phone's too), drawn sharp for the
// screen's pixel ratio, and a legend. `onPick(id)` hears a click or tap on a grid.
//
// For tests and tools the canvas carries the grid chosen last in `data-selected` and a method
// `toScreen(x, y)`: the viewport point (CSS pixels) of a point in the outlines' integer
// coordinates, so a script can click a grid it read from the API.
export function createCityMap(city, counts, { t, onPick }) {
  const canvas = h("canvas", { id: "city-map", class: "city-map", role: "img", "aria-label": t("map.title") });
  const box = h("div", { class: "city-map-box" }, canvas);
  const legend = h("ul", { class: "legend", id: "map-legend" },
    CLASSES.map((c) => {
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = c.fill;  // CSSOM, which the page's CSP allows
      return h("li", {}, swatch, t("map.legend." + c.key));
    }));
  const element = h("div", {}, box, legend);

  let batches = colourPaths(city, counts);
  let chosen = -1;  // the grid chosen last, and its outline
  let chosenPath = null;
  const view = { s: 1, offX: 0, cssW: 0, cssH: 0, dpr: 1 };

  function layout() {
    const cssW = box.clientWidth || 320;
    const maxH = Math.max(280, Math.round(window.innerHeight * 0.8));
    const s = Math.min(cssW / city.width, maxH / city.height);
    const cssH = Math.round(city.height * s);
    const dpr = window.devicePixelRatio || 1;
    Object.assign(view, { s, offX: (cssW - city.width * s) / 2, cssW, cssH, dpr });
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
  }

  function paint() {
    const ctx = canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const k = view.s * view.dpr;
    ctx.setTransform(k, 0, 0, -k, view.offX * view.dpr, view.cssH * view.dpr);
    CLASSES.forEach((c, i) => {
      ctx.fillStyle = c.fill;
      for (const path of batches[i].oneRing.paths) ctx.fill(path, "nonzero");
      for (const path of batches[i].rings.paths) ctx.fill(path, "evenodd");
    });
    // Line widths are in the plane's units: half a CSS pixel for the borders.
    ctx.lineWidth = 0.5 / view.s;
    ctx.strokeStyle = BORDER;
    for (const batch of batches) {
      for (const path of [...batch.oneRing.paths, ...batch.rings.paths]) ctx.stroke(path);
    }
    if (chosenPath) {
      ctx.lineWidth = 2.5 / view.s;
      ctx.strokeStyle = CHOSEN;
      ctx.stroke(chosenPath);
      // A ring around it when it is small on the screen (one grid of thousands is a few pixels
      // wide); a grid large enough to see needs only its outline.
      const b = city.boxes.subarray(4 * chosen, 4 * chosen + 4);
      const across = Math.hypot(b[2] - b[0], b[3] - b[1]);
      if (across * view.s < 24) {
        ctx.beginPath();
        ctx.arc((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, across / 2 + 8 / view.s, 0, 2 * Math.PI);
        ctx.lineWidth = 2 / view.s;
        ctx.stroke();
      }
    }
  }

  // From a point on the canvas (CSS pixels from its top left) to the plane, and back.
  const toPlane = (px, py) => [(px - view.offX) / view.s, (view.cssH - py) / view.s];
  canvas.toScreen = (x, y) => {
    const r = canvas.getBoundingClientRect();
    return { x: r.left + view.offX + x * city.kx * view.s, y: r.top + view.cssH - y * view.s };
  };

  canvas.addEventListener("click", (event) => {
    const r = canvas.getBoundingClientRect();
    const [x, y] = toPlane(event.clientX - r.left, event.clientY - r.top);
    const i = gridAt(city, x, y);
    if (i >= 0) onPick(city.ids[i]);
  });

  // Redrawn when the box changes width (a phone turned, a window resized).
  new ResizeObserver(() => {
    if (box.clientWidth && box.clientWidth !== view.cssW) {
      layout();
      paint();
    }
  }).observe(box);

  return {
    element,
    // Sizes and draws; call once the element is in the page (it takes its box's width).
    draw() {
      layout();
      paint();
    },
    // New counts: the colours again.
    recolour(newCounts) {
      batches = colourPaths(city, newCounts);
      paint();
    },
    // Outlines one grid (by id; anything else clears); answers whether the city has it.
    select(id) {
      const i = city.index.get(id);
      chosen = i === undefined ? -1 : i;
      chosenPath = null;
      if (chosen >= 0) {
        chosenPath = new Path2D();
        traceGrid(chosenPath, city, chosen);
        canvas.dataset.selected = id;
      } else {
        delete canvas.dataset.selected;
      }
      paint();
      return chosen >= 0;
    },
  };
}
