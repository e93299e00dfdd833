// Cookie banner: remember the reader's choice in a cookie and hide the banner.
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
    });
  });
});
