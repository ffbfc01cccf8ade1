// series.mjs — columns of chart data that stay small however long training runs: once a
// series holds `limit` points, every other point is dropped and only every 2nd (4th, …)
// new point is kept, so the whole run stays visible at a fixed cost per redraw.
export class Series {
  constructor(columns, limit = 1500) {
    this.columns = columns;
    this.limit = limit;
    this.clear();
  }

  clear() {
    this.x = [];
    this.y = Array.from({ length: this.columns }, () => []);
    this.stride = 1;
    this.count = 0;
  }

  /** Add the point (x, values[]) — kept if it falls on the current stride. */
  push(x, values) {
    const keep = this.count % this.stride === 0;
    this.count++;
    if (!keep) return;
    this.x.push(x);
    values.forEach((v, i) => this.y[i].push(v));
    if (this.x.length >= this.limit) {
      const half = (a) => a.filter((_, i) => i % 2 === 0);
      this.x = half(this.x);
      this.y = this.y.map(half);
      this.stride *= 2;
    }
  }

  /** [x, ...ys] for lineChart.setData. */
  data() { return [this.x, ...this.y]; }
}
