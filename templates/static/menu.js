// menu.js folds the site header on a phone: the language list and the menu each behind a
// button that names it (the nav's own label), so that the page's content starts in the
// first screen. Without JavaScript, or on a wider screen, both lists are shown as they are.
(function () {
  'use strict';
  var narrow = window.matchMedia('(max-width: 40rem)');
  var navs = document.querySelectorAll('.site-header nav[aria-label]');
  var folds = [];
  for (var i = 0; i < navs.length; i++) {
    var nav = navs[i], list = nav.querySelector('ul');
    if (!list) continue;
    if (!list.id) list.id = 'fold-' + i;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'fold';
    button.setAttribute('aria-controls', list.id);
    button.textContent = nav.getAttribute('aria-label');
    nav.insertBefore(button, list);
    folds.push({ button: button, list: list });
    button.addEventListener('click', (function (f) {
      return function () { set(f, f.button.getAttribute('aria-expanded') !== 'true'); };
    })(folds[folds.length - 1]));
  }
  function set(f, open) {
    f.button.setAttribute('aria-expanded', open ? 'true' : 'false');
    f.list.hidden = !open;
  }
  function apply() {
    for (var j = 0; j < folds.length; j++) {
      folds[j].button.hidden = !narrow.matches;
      set(folds[j], !narrow.matches);
    }
  }
  apply();
  if (narrow.addEventListener) narrow.addEventListener('change', apply);
})();
