// Cookie banner: remember the reader's choice in a cookie, hide the banner and put the focus
// on the page's main content (the banner's button is gone, the reader goes on reading).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var banner = document.getElementById("cookie-banner");
  if (!banner) {
    return;
  }
  banner.querySelectorAll("button[data-consent]").forEach(function (button) {
    button.addEventListener("click", function () {
      var choice = button.getAttribute("data-consent");
      document.cookie = "cookie_consent=" + choice + "; path=/; max-age=31536000; SameSite=Lax";
      banner.hidden = true;
      var main = document.getElementById("main");
      if (main) {
        main.focus({ preventScroll: true });
      }
    });
  });
});
