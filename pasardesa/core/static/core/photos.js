/* Pasar Desa: shrink phone photos in the browser before they are uploaded.
 *
 * Ten camera photos are about 15 MB: minutes on a weak, paid connection. Each
 * photo picked in an <input type=file data-kecilkan> is redrawn with its
 * longest side at most 1600 px and encoded as WebP (JPEG where the browser
 * has no WebP encoder) at 85 %, a few hundred KB, and put back into the
 * input (DataTransfer) before the form goes. The server checks and
 * re-encodes every photo anyway (core/images.py); this only saves the
 * upload. Anything this browser cannot do leaves the original file in place:
 * without JavaScript, or with an odd file (HEIC), the plain upload works.
 */
(function () {
  "use strict";
  var MAX_SIDE = 1600;
  var QUALITY = 0.85;
  // A photo already this small and within MAX_SIDE is sent as it is.
  var SMALL_BYTES = 300 * 1024;
  var SELECTOR = "input[type=file][data-kecilkan]";

  if (!window.DataTransfer || !window.Promise || !window.URL || !window.File ||
      !window.HTMLCanvasElement || !HTMLCanvasElement.prototype.toBlob) {
    return;
  }
  try {
    new DataTransfer().items.add(new File([""], "x.txt"));
  } catch (e) {
    return; // an old browser that cannot build a file list
  }

  function decodeWithImg(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () { resolve(img); URL.revokeObjectURL(url); };
      img.onerror = function () { reject(new Error("decode")); URL.revokeObjectURL(url); };
      img.src = url;
    });
  }

  function decode(file) {
    // "from-image" turns the photo the way the camera's EXIF says.
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" })
        .catch(function () { return decodeWithImg(file); });
    }
    return decodeWithImg(file);
  }

  function encode(canvas, type) {
    return new Promise(function (resolve) { canvas.toBlob(resolve, type, QUALITY); });
  }

  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type)) {
      return Promise.resolve(file);
    }
    return decode(file).then(function (image) {
      var width = image.naturalWidth || image.width;
      var height = image.naturalHeight || image.height;
      var scale = Math.min(1, MAX_SIDE / Math.max(width, height));
      if (scale === 1 && file.size <= SMALL_BYTES) {
        return file;
      }
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      var context = canvas.getContext("2d");
      // Transparent parts become white, as the server would make them.
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.imageSmoothingQuality = "high";
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) {
        image.close();
      }
      return encode(canvas, "image/webp").then(function (blob) {
        // Without a WebP encoder the browser hands back PNG: bigger, so JPEG.
        return blob && blob.type === "image/webp" ? blob : encode(canvas, "image/jpeg");
      }).then(function (blob) {
        if (!blob || blob.size >= file.size) {
          return file;
        }
        var stem = file.name.replace(/\.[^.]*$/, "") || "foto";
        var extension = blob.type === "image/webp" ? ".webp" : ".jpg";
        return new File([blob], stem + extension, { type: blob.type, lastModified: file.lastModified });
      });
    }).catch(function () {
      return file;
    });
  }

  function status(input, text) {
    var note = input._kecilkanNote;
    if (!note) {
      note = document.createElement("small");
      note.className = "m";
      note.setAttribute("role", "status");
      input.parentNode.insertBefore(note, input.nextSibling);
      input._kecilkanNote = note;
    }
    note.textContent = text;
  }

  // One photo after another: a cheap phone has no memory for ten at once.
  function shrinkAll(input) {
    var files = Array.prototype.slice.call(input.files || []);
    var shrunk = [];
    var job = files.reduce(function (chain, file) {
      return chain.then(function () { return shrink(file); })
        .then(function (result) { shrunk.push(result); });
    }, Promise.resolve()).then(function () {
      if (input._kecilkanJob !== job) {
        return; // other photos were picked meanwhile: their own job puts them in
      }
      if (shrunk.some(function (file, i) { return file !== files[i]; })) {
        var list = new DataTransfer();
        shrunk.forEach(function (file) { list.items.add(file); });
        input.files = list.files;
      }
      input._kecilkanJob = null;
      status(input, "");
    });
    input._kecilkanJob = job;
    if (files.length) {
      status(input, input.getAttribute("data-kecilkan"));
    }
    return job;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches(SELECTOR)) {
      shrinkAll(input);
    }
  });

  // A form sent while photos are still being shrunk waits for them.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var jobs = Array.prototype.slice.call(form.querySelectorAll(SELECTOR))
      .map(function (input) { return input._kecilkanJob; })
      .filter(Boolean);
    if (!jobs.length) {
      return;
    }
    event.preventDefault();
    var buttons = form.querySelectorAll("button[type=submit], button:not([type])");
    Array.prototype.forEach.call(buttons, function (button) { button.disabled = true; });
    Promise.all(jobs).then(function () {
      // submit() skips this handler: the form goes once, with the small photos.
      HTMLFormElement.prototype.submit.call(form);
    });
  });
})();
