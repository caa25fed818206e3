// Evaluated in every sandboxed context before the designer's script. It turns the JSON the server passes in
// into variables, an `execution` object that only reads and sets variables, and PVEFlow's helper library.
// Nothing here touches the host: the context has no host access at all.
(function (global) {
  'use strict';
  const vars = JSON.parse(global.__input);
  const meta = JSON.parse(global.__meta);
  const writes = {};
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  delete global.__input;
  delete global.__meta;

  function checkName(name) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError('a variable name must be a non-empty string');
    }
  }

  const execution = Object.freeze({
    getVariable(name) { checkName(name); return has(writes, name) ? writes[name] : (has(vars, name) ? vars[name] : null); },
    hasVariable(name) { checkName(name); return has(writes, name) || has(vars, name); },
    getVariables() { return Object.assign({}, vars, writes); },
    setVariable(name, value) { checkName(name); writes[name] = value === undefined ? null : value; global[name] = value; },
    id: meta.id, processInstanceId: meta.processInstanceId, processDefinitionId: meta.processDefinitionId,
    businessKey: meta.businessKey, tenantId: meta.tenantId, activityId: meta.activityId,
  });

  const UNITS = { '': 1, B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };
  const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

  function toDate(value) {
    const d = value instanceof Date ? value : new Date(value === undefined ? Date.now() : value);
    if (isNaN(d.getTime())) throw new RangeError('not a date: ' + value);
    return d;
  }

  const pveflow = Object.freeze({
    /** Bytes from a Proxmox-style size: 512, '10G', '1.5T', '32M' (binary units, as PVE uses them). */
    parseSize(text) {
      if (typeof text === 'number') return text;
      const m = /^\s*(\d+(?:\.\d+)?)\s*([BKMGTP]?)(?:i?B)?\s*$/i.exec(String(text));
      if (!m) throw new RangeError("not a size: '" + text + "' (examples: 512, 32M, 10G, 1.5T)");
      return Math.round(parseFloat(m[1]) * UNITS[m[2].toUpperCase()]);
    },
    /** The largest whole-or-one-decimal binary unit: 10737418240 -> '10G'. */
    formatSize(bytes) {
      let n = Number(bytes);
      for (const unit of ['', 'K', 'M', 'G', 'T']) {
        if (Math.abs(n) < 1024 || unit === 'T') return (Math.round(n * 10) / 10) + unit;
        n /= 1024;
      }
    },
    /** Milliseconds in an ISO-8601 duration: 'PT5M' -> 300000, 'P1DT2H' -> 93600000. */
    parseDuration(iso) {
      const m = DURATION.exec(String(iso));
      if (!m || iso === 'P' || iso === 'PT') throw new RangeError("not an ISO-8601 duration: '" + iso + "' (examples: PT30S, PT5M, P1D)");
      const [w, d, h, min, s] = m.slice(1).map((x) => (x ? parseFloat(x) : 0));
      return Math.round((((w * 7 + d) * 24 + h) * 60 + min) * 60000 + s * 1000);
    },
    /** An ISO-8601 duration from milliseconds: 93600000 -> 'P1DT2H'. */
    formatDuration(ms) {
      let rest = Math.round(Number(ms) / 1000);
      const d = Math.floor(rest / 86400); rest -= d * 86400;
      const h = Math.floor(rest / 3600); rest -= h * 3600;
      const m = Math.floor(rest / 60); const s = rest - m * 60;
      const time = (h ? h + 'H' : '') + (m ? m + 'M' : '') + (s ? s + 'S' : '');
      return 'P' + (d ? d + 'D' : '') + (time ? 'T' + time : (d ? '' : 'T0S'));
    },
    /** Now, as an ISO-8601 UTC timestamp. */
    now() { return new Date().toISOString(); },
    /** A date plus an ISO-8601 duration (negative with a leading '-'), as an ISO timestamp. */
    addDuration(date, iso) {
      const negative = String(iso).startsWith('-');
      const ms = pveflow.parseDuration(negative ? String(iso).substring(1) : iso);
      return new Date(toDate(date).getTime() + (negative ? -ms : ms)).toISOString();
    },
    /** Formats a date in UTC with the tokens YYYY MM DD HH mm ss: formatDate(now(), 'YYYYMMDD-HHmm'). */
    formatDate(date, pattern) {
      const d = toDate(date);
      const pad = (n) => String(n).padStart(2, '0');
      const parts = { YYYY: String(d.getUTCFullYear()), MM: pad(d.getUTCMonth() + 1), DD: pad(d.getUTCDate()),
        HH: pad(d.getUTCHours()), mm: pad(d.getUTCMinutes()), ss: pad(d.getUTCSeconds()) };
      return String(pattern === undefined ? 'YYYY-MM-DDTHH:mm:ssZ' : pattern).replace(/YYYY|MM|DD|HH|mm|ss/g, (t) => parts[t]);
    },
    /** Whole days from a to b (b defaults to now). */
    daysBetween(a, b) { return Math.floor((toDate(b).getTime() - toDate(a).getTime()) / 86400000); },
    /** Replaces {name} (or {0}) placeholders: format('{vm} on {node}', {vm: 'web01', node: 'pve1'}). */
    format(template, ...args) {
      const values = args.length === 1 && args[0] !== null && typeof args[0] === 'object' ? args[0] : args;
      return String(template).replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key) => (has(values, key) ? String(values[key]) : whole));
    },
    toJson(value, indent) { return JSON.stringify(value, null, indent); },
    parseJson(text) { return JSON.parse(text); },
    /** Throws a BPMN error that a boundary error event with this code catches. */
    bpmnError(code, message) {
      const error = new Error(message === undefined ? String(code) : String(message));
      error.bpmnErrorCode = String(code);
      throw error;
    },
  });

  global.execution = execution;
  global.pveflow = pveflow;
  global.bpmnError = pveflow.bpmnError;
  for (const name of Object.keys(vars)) {
    if (!(name in global)) global[name] = vars[name];
  }

  // Read by the server after the script: the variables it set and its result, as JSON.
  Object.defineProperty(global, '__export', { value: function (result) {
    return JSON.stringify({ result: result === undefined ? null : result, writes: writes }, (k, v) => (typeof v === 'bigint' ? Number(v) : v));
  } });
})(globalThis);
