// The language chooser (index.html at the site root): when the browser says which languages
// its reader prefers, go to the first the site has. Without JavaScript the page is a list of
// plain links. "index.html#choose" shows the list without going anywhere.
(function () {
  'use strict';
  if (location.hash === '#choose') {
    return;
  }
  var links = document.querySelectorAll('a[data-lang]');
  var byCode = {};
  var byBase = {};
  for (var i = 0; i < links.length; i++) {
    var code = links[i].getAttribute('data-lang').toLowerCase();
    byCode[code] = links[i];
    var base = code.split('-')[0];
    if (!byBase[base]) {
      byBase[base] = links[i];
    }
  }
  var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
  for (var j = 0; j < prefs.length; j++) {
    var pref = String(prefs[j]).toLowerCase();
    var link = byCode[pref] || byBase[pref.split('-')[0]];
    if (link) {
      location.replace(link.getAttribute('href'));
      return;
    }
  }
})();
