// The PAC helper functions of Netscape's 1996 specification, with the semantics Chrome and
// Firefox give them, and Microsoft's IPv6 extensions that Chrome also offers. Written for
// chatgpt-doctor. This file is one function expression: the engine calls it with the global
// object, the clock and this machine's address (`env`), and the resolver (`native`), before the
// PAC script runs; it returns a function the engine keeps for itself. Nothing here reads the
// real clock or the real resolver.
(function (global, env, native) {
  "use strict";

  var WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
  var MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

  function isIpv4(text) {
    var parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (parts === null) {
      return false;
    }
    for (var i = 1; i <= 4; i++) {
      if (Number(parts[i]) > 255) {
        return false;
      }
    }
    return true;
  }

  function ipv4Number(text) {
    var p = text.split(".");
    return ((Number(p[0]) << 24) | (Number(p[1]) << 16) | (Number(p[2]) << 8) | Number(p[3])) >>> 0;
  }

  // The arguments as an array, and the wall time they ask for: GMT when the last is "GMT".
  function zoned(args) {
    var list = Array.prototype.slice.call(args);
    var time = env.local;
    if (list.length > 0 && list[list.length - 1] === "GMT") {
      list.pop();
      time = env.gmt;
    }
    return { list: list, time: time };
  }

  // start <= now <= end, or, when the range wraps around (OCT to MAR), outside (end, start).
  function inRange(start, now, end) {
    return start <= end ? start <= now && now <= end : now >= start || now <= end;
  }

  // Chrome's dnsResolve: the first IPv4 address, or null. Non-strings resolve to nothing.
  function dnsResolve(host) {
    var found = typeof host === "string" ? native.resolve4(host) : undefined;
    return typeof found === "string" ? found : null;
  }

  global.dnsResolve = dnsResolve;

  global.dnsResolveEx = function (host) {
    return typeof host === "string" ? native.resolveAll(host) : "";
  };

  global.isResolvable = function (host) {
    return dnsResolve(host) !== null;
  };

  global.isResolvableEx = function (host) {
    return global.dnsResolveEx(host) !== "";
  };

  global.myIpAddress = function () {
    return env.myIp;
  };

  global.myIpAddressEx = function () {
    return env.myIp;
  };

  global.isPlainHostName = function (host) {
    // Firefox's reading: an IPv6 literal is not a plain host name either.
    return host.search(/[.:]/) === -1;
  };

  // Browsers compare the tail as written: "notopenai.com" ends with "openai.com" too, which is
  // why careful PACs write ".openai.com".
  global.dnsDomainIs = function (host, domain) {
    return host.length >= domain.length &&
      host.substring(host.length - domain.length) === domain;
  };

  global.localHostOrDomainIs = function (host, hostdom) {
    return host === hostdom || hostdom.lastIndexOf(host + ".", 0) === 0;
  };

  global.dnsDomainLevels = function (host) {
    return host.split(".").length - 1;
  };

  global.isInNet = function (host, pattern, mask) {
    if (!isIpv4(pattern) || !isIpv4(mask)) {
      return false;
    }
    var address = isIpv4(host) ? host : dnsResolve(host);
    if (address === null || !isIpv4(address)) {
      return false;
    }
    var m = ipv4Number(mask);
    return ((ipv4Number(address) & m) >>> 0) === ((ipv4Number(pattern) & m) >>> 0);
  };

  global.isInNetEx = function (host, prefix) {
    return typeof host === "string" && typeof prefix === "string" &&
      native.inNetEx(host, prefix);
  };

  // Glob to regular expression exactly as browsers do: "." is escaped, "*" and "?" are
  // wildcards, and other regular-expression characters keep their meaning.
  global.shExpMatch = function (text, pattern) {
    var source = pattern.replace(/\./g, "\\.").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp("^" + source + "$").test(text);
  };

  global.weekdayRange = function () {
    var a = zoned(arguments);
    if (a.list.length < 1 || a.list.length > 2) {
      return false;
    }
    var first = WEEKDAYS.indexOf(a.list[0]);
    var last = a.list.length === 2 ? WEEKDAYS.indexOf(a.list[1]) : first;
    if (first < 0 || last < 0) {
      return false;
    }
    return inRange(first, a.time.weekday, last);
  };

  // One argument of dateRange: a day (1-31), a month name or a year (four digits).
  function dateField(value) {
    var n = parseInt(value, 10);
    if (isNaN(n)) {
      var month = MONTHS.indexOf(value);
      return month < 0 ? null : { field: "month", value: month + 1 };
    }
    return n < 32 ? { field: "day", value: n } : { field: "year", value: n };
  }

  // day < month < year, each at most once: the order the specification writes them in.
  var FIELD_ORDER = ["day", "month", "year"];

  function datePoint(list) {
    var point = { fields: "" };
    var previous = -1;
    for (var i = 0; i < list.length; i++) {
      var f = dateField(list[i]);
      if (f === null || FIELD_ORDER.indexOf(f.field) <= previous) {
        return null;
      }
      previous = FIELD_ORDER.indexOf(f.field);
      point[f.field] = f.value;
      point.fields += f.field.charAt(0);
    }
    return point;
  }

  // A point as one comparable number, counting only the fields the range names.
  function dateKey(point, fields) {
    var key = 0;
    if (fields.indexOf("y") >= 0) key += point.year * 10000;
    if (fields.indexOf("m") >= 0) key += point.month * 100;
    if (fields.indexOf("d") >= 0) key += point.day;
    return key;
  }

  global.dateRange = function () {
    var a = zoned(arguments);
    var n = a.list.length;
    if (n === 1) {
      var f = dateField(a.list[0]);
      return f !== null && a.time[f.field] === f.value;
    }
    if (n < 2 || n > 6 || n % 2 !== 0) {
      return false;
    }
    var start = datePoint(a.list.slice(0, n / 2));
    var end = datePoint(a.list.slice(n / 2));
    if (start === null || end === null || start.fields !== end.fields) {
      return false;
    }
    var fields = start.fields;
    return inRange(dateKey(start, fields), dateKey(a.time, fields), dateKey(end, fields));
  };

  global.timeRange = function () {
    var a = zoned(arguments);
    var v = a.list.map(Number);
    var t = a.time;
    switch (v.length) {
      case 1:
        return t.hour === v[0];
      case 2:
        // As in Chrome and Firefox, hours do not wrap: timeRange(22, 2) is never true.
        return v[0] <= t.hour && t.hour <= v[1];
      case 4:
        return inRange(v[0] * 3600 + v[1] * 60, t.hour * 3600 + t.minute * 60 + t.second,
                       v[2] * 3600 + v[3] * 60 + 59);
      case 6:
        return inRange(v[0] * 3600 + v[1] * 60 + v[2], t.hour * 3600 + t.minute * 60 + t.second,
                       v[3] * 3600 + v[4] * 60 + v[5]);
      default:
        return false;
    }
  };

  // Chrome gives PAC scripts alert() for debugging; its messages are not shown here.
  global.alert = function () {};

  // For the engine: a string without lone surrogates (which have no UTF-8), taken before the
  // script can replace String.prototype.toWellFormed.
  var toWellFormed = String.prototype.toWellFormed;
  return function (text) {
    return toWellFormed.call(text);
  };
})
