/*
 * Chat widget of the mesotherapy patient assistant (plain ES2017, no dependencies).
 *
 * Embed: set window.clinicChatConfig = {server, clinicName, greeting, colors} and load this
 * file (see the README). It talks to the assistant's REST channel, keeps the conversation in
 * localStorage, and renders every bot and patient text with textContent, never as HTML.
 */
(function () {
  "use strict";

  if (window.clinicChatWidgetLoaded) {
    return;
  }
  window.clinicChatWidgetLoaded = true;

  var script = document.currentScript;
  var userConfig = window.clinicChatConfig || {};
  var config = {
    server: String(userConfig.server || window.location.origin).replace(/\/+$/, ""),
    clinicName: String(userConfig.clinicName || "Cabinet de mésothérapie"),
    greeting: String(userConfig.greeting || "Une question sur la mésothérapie ?"),
    colors: userConfig.colors || {},
    // The clinic's emergency numbers, from /chat/config.js or the server's conversation answer.
    emergencyLine: typeof userConfig.emergencyLine === "string" ? userConfig.emergencyLine : "",
  };
  // Until the server has said which country the clinic is in: 112 works in every EU country.
  var DEFAULT_EMERGENCY_LINE = "Pas un avis médical. En cas d'urgence : 112.";
  // The stylesheet sits next to this script, wherever the clinic site loads it from.
  var stylesheetUrl = script && script.src ? script.src.replace(/[^/?#]*([?#].*)?$/, "widget.css") : "/chat/widget.css";

  var WEBHOOK = config.server + "/webhooks/rest/webhook";
  var RATING = config.server + "/chat/rating";
  var CONVERSATION = config.server + "/chat/conversation";
  var STORAGE_KEY = "clinicChat:" + config.server;
  var MAX_KEPT_ENTRIES = 200;
  var REQUEST_TIMEOUT_MS = 45000;
  var MAX_RETRY_DELAY_S = 30;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var ICONS = {
    chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z",
    close: "M6 6l12 12M18 6L6 18",
    restart: "M3 12a9 9 0 1 0 3-6.7M3 4v5h5",
    send: "M4 12l16-8-6 16-2.5-6.5L4 12z",
  };

  // ---------------------------------------------------------------- stored state

  // The conversation id comes from the server (random and signed): asked for before the first message.
  function freshState() {
    return { sender: null, history: [], pending: [], open: false, nextId: 1 };
  }

  function loadState() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      if (saved && (saved.sender === null || typeof saved.sender === "string") && Array.isArray(saved.history) && Array.isArray(saved.pending)) {
        saved.history = saved.history.filter(function (entry) {
          return entry && typeof entry === "object" && typeof entry.text === "string";
        });
        return saved;
      }
    } catch (ignored) {
      // Storage disabled or corrupted: start a new conversation rather than fail.
    }
    return freshState();
  }

  var state = loadState();

  function saveState() {
    state.history = state.history.slice(-MAX_KEPT_ENTRIES);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (ignored) {
      // Private browsing or full storage: the conversation still works, it is just not kept.
    }
  }

  function nextId() {
    state.nextId = (state.nextId || 1) + 1;
    return state.nextId;
  }

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, options, children) {
    var node = document.createElement(tag);
    options = options || {};
    if (options.className) {
      node.className = options.className;
    }
    if (options.text !== undefined) {
      node.textContent = options.text;
    }
    Object.keys(options.attrs || {}).forEach(function (name) {
      node.setAttribute(name, options.attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function icon(name, extraClass) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", extraClass ? "mc-icon " + extraClass : "mc-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function srOnly(text) {
    return el("span", { className: "mc-sr-only", text: text });
  }

  // ---------------------------------------------------------------- widget skeleton

  var host = el("div", { attrs: { id: "clinic-chat-widget" } });
  // Hidden until its stylesheet is there, so the page never shows unstyled controls.
  host.style.display = "none";
  var shadow = host.attachShadow({ mode: "open" });
  var stylesheet = el("link", { attrs: { rel: "stylesheet", href: stylesheetUrl } });
  stylesheet.addEventListener("load", function () { host.style.display = ""; });
  stylesheet.addEventListener("error", function () { host.style.display = ""; });

  var launcherLabel = el("span", { className: "mc-launcher-label", text: config.greeting });
  var launcher = el("button", {
    className: "mc-launcher",
    attrs: {
      type: "button",
      "aria-expanded": "false",
      "aria-controls": "mc-panel",
      "aria-label": "Ouvrir l'assistant : " + config.greeting,
    },
  }, [icon("chat", "mc-when-closed"), icon("close", "mc-when-open"), launcherLabel]);

  var restartButton = el("button", {
    className: "mc-icon-button",
    attrs: { type: "button", "aria-label": "Nouvelle conversation", title: "Nouvelle conversation" },
  }, [icon("restart")]);
  var closeButton = el("button", {
    className: "mc-icon-button",
    attrs: { type: "button", "aria-label": "Fermer la discussion", title: "Fermer" },
  }, [icon("close")]);
  var header = el("div", { className: "mc-header" }, [
    el("div", { className: "mc-avatar" }, [icon("chat")]),
    el("div", { className: "mc-heading" }, [
      el("h2", { className: "mc-title", text: config.clinicName, attrs: { id: "mc-title" } }),
      el("p", {
        className: "mc-subtitle",
        text: "Assistant automatique · ",
        attrs: { id: "mc-subtitle" },
      }, [el("a", {
        className: "mc-privacy-link",
        text: "Confidentialité",
        attrs: { href: config.server + "/chat/confidentialite", target: "_blank", rel: "noopener" },
      })]),
    ]),
    restartButton,
    closeButton,
  ]);

  var log = el("div", {
    className: "mc-log",
    attrs: { role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" },
  });

  var alertText = el("p", { className: "mc-alert-text" });
  var retryButton = el("button", { className: "mc-retry", text: "Réessayer", attrs: { type: "button" } });
  var alertBox = el("div", { className: "mc-alert", attrs: { role: "alert", hidden: "" } }, [alertText, retryButton]);

  var input = el("textarea", {
    className: "mc-input",
    attrs: {
      id: "mc-input",
      rows: "1",
      placeholder: "Écrivez votre question…",
      autocomplete: "off",
      enterkeyhint: "send",
    },
  });
  var composer = el("form", { className: "mc-composer", attrs: { novalidate: "" } }, [
    el("label", { className: "mc-sr-only", text: "Votre question", attrs: { for: "mc-input" } }),
    input,
    el("button", { className: "mc-send", attrs: { type: "submit", "aria-label": "Envoyer" } }, [icon("send")]),
  ]);

  var disclaimer = el("p", {
    className: "mc-disclaimer",
    text: state.emergencyLine || config.emergencyLine || DEFAULT_EMERGENCY_LINE,
  });

  var panel = el("section", {
    className: "mc-panel",
    attrs: { id: "mc-panel", role: "dialog", "aria-labelledby": "mc-title", "aria-describedby": "mc-subtitle", hidden: "" },
  }, [
    header,
    log,
    alertBox,
    composer,
    disclaimer,
  ]);

  var root = el("div", { className: "mc-root", attrs: { "data-open": "false" } }, [launcher, panel]);
  // Colours are set through the CSS object model: the CSP allows it, and an invalid value is ignored.
  [["primary", "--mc-primary"], ["primaryText", "--mc-primary-text"]].forEach(function (pair) {
    if (typeof config.colors[pair[0]] === "string") {
      root.style.setProperty(pair[1], config.colors[pair[0]]);
    }
  });
  shadow.appendChild(stylesheet);
  shadow.appendChild(root);

  // ---------------------------------------------------------------- rendering

  var entryNodes = {};
  var quickReplies = null;
  var typing = null;

  function stripSourceLine(text, sourceLine) {
    // The server appends "Sources : ..." as the last line; the widget shows it apart.
    if (sourceLine && text.slice(-sourceLine.length) === sourceLine) {
      return text.slice(0, -sourceLine.length).replace(/\s+$/, "");
    }
    return text;
  }

  function renderSources(entry) {
    var passages = [];
    (entry.sources || []).forEach(function (source) {
      (source.passages || []).forEach(function (passage) {
        passages.push(el("li", {}, [
          el("span", { className: "mc-passage-source", text: String(source.label || "") }),
          el("span", { text: "« " + String(passage) + " »" }),
        ]));
      });
    });
    if (!passages.length) {
      return el("p", { className: "mc-sources", text: entry.sourceLine });
    }
    return el("details", { className: "mc-sources" }, [
      el("summary", { text: entry.sourceLine }),
      el("ul", { className: "mc-passages", attrs: { "aria-label": "Passages cités" } }, passages),
    ]);
  }

  function renderRating(entry) {
    var group = el("div", { className: "mc-rating", attrs: { role: "group", "aria-label": "Évaluer cette réponse" } });
    if (entry.rating) {
      group.appendChild(el("span", { text: "Merci pour votre avis." }));
      return group;
    }
    group.appendChild(el("span", { text: "Cette réponse est-elle utile ?" }));
    [["useful", "Oui", "Oui, réponse utile"], ["not_useful", "Non", "Non, réponse pas utile"]].forEach(function (choice) {
      var button = el("button", {
        className: "mc-rating-button",
        text: choice[1],
        attrs: { type: "button", "aria-label": choice[2] },
      });
      button.addEventListener("click", function () { rate(entry, choice[0], group); });
      group.appendChild(button);
    });
    return group;
  }

  function renderEntry(entry) {
    var row;
    if (entry.type === "user") {
      row = el("div", { className: "mc-row mc-row-user" }, [
        el("p", { className: "mc-bubble mc-user" }, [srOnly("Vous : "), document.createTextNode(entry.text)]),
      ]);
    } else if (entry.type === "notice") {
      row = el("div", { className: "mc-row mc-row-bot" }, [el("p", { className: "mc-bubble mc-notice", text: entry.text })]);
    } else {
      row = el("div", { className: "mc-row mc-row-bot" });
      if (entry.text) {
        row.appendChild(el("p", { className: "mc-bubble mc-bot" }, [
          srOnly("Assistant : "),
          document.createTextNode(entry.text),
        ]));
      }
      if (entry.sourceLine) {
        row.appendChild(renderSources(entry));
      }
      if (entry.answerKey && entry.topic) {
        row.appendChild(renderRating(entry));
      }
    }
    entryNodes[entry.id] = row;
    log.appendChild(row);
    return row;
  }

  function setUserStatus(id, status) {
    var row = entryNodes[id];
    if (!row) {
      return;
    }
    var previous = row.querySelector(".mc-status");
    if (previous) {
      row.removeChild(previous);
    }
    row.classList.toggle("mc-row-pending", status === "pending");
    row.classList.toggle("mc-row-failed", status === "failed");
    if (status === "pending") {
      row.appendChild(el("p", { className: "mc-status", text: "Pas encore envoyé, gardé pour un nouvel essai" }));
    } else if (status === "failed") {
      row.appendChild(el("p", { className: "mc-status", text: "Non envoyé" }));
    }
  }

  function trailingButtons() {
    var buttons = [];
    for (var i = state.history.length - 1; i >= 0 && state.history[i].type !== "user"; i--) {
      buttons = (state.history[i].buttons || []).concat(buttons);
    }
    return buttons;
  }

  function renderQuickReplies() {
    if (quickReplies) {
      quickReplies.remove();
      quickReplies = null;
    }
    var buttons = state.pending.length ? [] : trailingButtons();
    if (!buttons.length) {
      return;
    }
    quickReplies = el("div", { className: "mc-quick", attrs: { role: "group", "aria-label": "Réponses suggérées" } });
    buttons.forEach(function (choice) {
      var button = el("button", { className: "mc-quick-button", text: choice.title, attrs: { type: "button" } });
      button.addEventListener("click", function () { send(choice.payload, choice.title); });
      quickReplies.appendChild(button);
    });
    log.appendChild(quickReplies);
  }

  function showTyping(visible) {
    if (typing) {
      typing.remove();
      typing = null;
    }
    if (visible) {
      typing = el("div", { className: "mc-row mc-row-bot mc-typing" }, [
        el("div", { className: "mc-bubble mc-bot" }, [
          srOnly("L'assistant écrit…"),
          el("span", { className: "mc-dot" }),
          el("span", { className: "mc-dot" }),
          el("span", { className: "mc-dot" }),
        ]),
      ]);
      log.appendChild(typing);
      scrollToBottom();
    }
  }

  function scrollToBottom() {
    log.scrollTop = log.scrollHeight;
  }

  function scrollToTop(node) {
    // The start of a long answer stays in view; the browser stops at the bottom otherwise.
    log.scrollTop = Math.max(0, node.offsetTop - 12);
  }

  function renderAll() {
    log.textContent = "";
    entryNodes = {};
    quickReplies = null;
    typing = null;
    state.history.forEach(renderEntry);
    state.pending.forEach(function (item) { setUserStatus(item.entryId, "pending"); });
    renderQuickReplies();
    scrollToBottom();
  }

  function showAlert(message, canRetry) {
    alertText.textContent = message;
    retryButton.hidden = !canRetry;
    alertBox.hidden = false;
  }

  function hideAlert() {
    alertBox.hidden = true;
  }

  // ---------------------------------------------------------------- server exchanges

  function postJson(url, body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        clearTimeout(timer);
        return { status: response.status, data: data };
      });
    }, function (problem) {
      clearTimeout(timer);
      throw problem;
    });
  }

  function conversationId() {
    if (state.sender) {
      return Promise.resolve(state.sender);
    }
    return postJson(CONVERSATION, {}).then(function (result) {
      if (result.status === 201 && result.data && typeof result.data.sender === "string") {
        state.sender = result.data.sender;
        if (typeof result.data.emergency === "string" && result.data.emergency) {
          state.emergencyLine = result.data.emergency;
          disclaimer.textContent = result.data.emergency;
        }
        saveState();
        return state.sender;
      }
      return null;
    });
  }

  function isTemporary(status) {
    return status >= 500 || status === 408 || status === 429;
  }

  function botEntries(messages, question) {
    return messages.map(function (message) {
      var sourceLine = typeof message.source_line === "string" ? message.source_line : "";
      return {
        id: nextId(),
        type: "bot",
        text: stripSourceLine(typeof message.text === "string" ? message.text : "", sourceLine),
        sourceLine: sourceLine,
        sources: Array.isArray(message.sources) ? message.sources : [],
        buttons: (Array.isArray(message.buttons) ? message.buttons : []).filter(function (button) {
          return button && typeof button.title === "string" && typeof button.payload === "string";
        }),
        answerKey: typeof message.answer_key === "string" ? message.answer_key : null,
        topic: typeof message.topic === "string" ? message.topic : null,
        question: question,
        rating: null,
      };
    }).filter(function (entry) {
      return entry.text || entry.buttons.length;
    });
  }

  var sending = false;
  var failures = 0;
  var retryTimer = null;
  // Bumped by "Nouvelle conversation", so that a late answer never lands in the new one.
  var conversation = 0;

  function flush() {
    if (sending || !state.pending.length) {
      return;
    }
    clearTimeout(retryTimer);
    sending = true;
    var item = state.pending[0];
    var started = conversation;
    showTyping(true);
    conversationId().then(function (sender) {
      return sender ? postJson(WEBHOOK, { sender: sender, message: item.message }) : null;
    }).catch(function () {
      return null; // network error, CORS refusal or timeout: the server is out of reach
    }).then(function (result) {
      if (started !== conversation) {
        return;
      }
      sending = false;
      if (result && result.status === 403) {
        // An id the server no longer knows (its secret changed): a new one, then the message again.
        state.sender = null;
        saveState();
        result = null;
      }
      if (result && result.status >= 200 && result.status < 300 && Array.isArray(result.data)) {
        delivered(item, result.data);
        flush();
      } else if (!result || isTemporary(result.status)) {
        unreachable();
      } else {
        refused(item, result.data && result.data.error);
        flush();
      }
    });
  }

  function retryNow() {
    if (!sending) {
      flush();
    }
  }

  function delivered(item, messages) {
    state.pending.shift();
    failures = 0;
    hideAlert();
    showTyping(false);
    setUserStatus(item.entryId, null);
    var entries = botEntries(messages, item.question);
    if (!entries.length) {
      entries = [{
        id: nextId(),
        type: "notice",
        text: "L'assistant n'a pas de réponse pour le moment. Reformulez votre question ou réessayez un peu plus tard.",
      }];
    }
    var first = null;
    entries.forEach(function (entry) {
      state.history.push(entry);
      var node = renderEntry(entry);
      first = first || node;
    });
    saveState();
    renderQuickReplies();
    scrollToTop(first);
  }

  function unreachable() {
    failures += 1;
    var delay = Math.min(MAX_RETRY_DELAY_S, Math.pow(2, failures));
    showTyping(false);
    state.pending.forEach(function (item) { setUserStatus(item.entryId, "pending"); });
    showAlert(
      "Impossible de joindre l'assistant. Votre message est gardé : nouvel essai automatique dans " + delay + " s.",
      true
    );
    scrollToBottom();
    retryTimer = setTimeout(flush, delay * 1000);
  }

  function refused(item, message) {
    // The server will never accept this message as it is: give it back to the patient to edit.
    state.pending.shift();
    saveState();
    showTyping(false);
    setUserStatus(item.entryId, "failed");
    if (item.entryId && !input.value) {
      input.value = item.display;
    }
    showAlert(typeof message === "string" && message ? message : "Ce message n'a pas pu être envoyé.", false);
    scrollToBottom();
  }

  function send(message, display) {
    var entryId = null;
    if (display) {
      var entry = { id: nextId(), type: "user", text: display };
      state.history.push(entry);
      renderEntry(entry);
      entryId = entry.id;
    }
    state.pending.push({ message: message, display: display, question: display, entryId: entryId });
    saveState();
    renderQuickReplies();
    if (failures && entryId) {
      setUserStatus(entryId, "pending");
    }
    scrollToBottom();
    flush();
  }

  function rate(entry, value, group) {
    var buttons = group.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    var problem = group.querySelector(".mc-rating-problem");
    if (problem) {
      problem.remove();
    }
    postJson(RATING, {
      sender: state.sender,
      answer_key: entry.answerKey,
      topic: entry.topic,
      rating: value,
      question: entry.question || undefined,
    }).then(function (result) {
      if (result.status < 200 || result.status >= 300) {
        throw new Error("rating refused");
      }
      entry.rating = value;
      saveState();
      group.textContent = "";
      group.appendChild(el("span", { text: "Merci pour votre avis." }));
    }).catch(function () {
      buttons.forEach(function (button) { button.disabled = false; });
      group.appendChild(el("p", { className: "mc-rating-problem", text: "Avis non enregistré : réessayez dans un instant." }));
    });
  }

  // ---------------------------------------------------------------- opening and closing

  function setOpen(open, moveFocus) {
    state.open = open;
    saveState();
    panel.hidden = !open;
    root.setAttribute("data-open", String(open));
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", open ? "Fermer la discussion" : "Ouvrir l'assistant : " + config.greeting);
    if (!open) {
      if (moveFocus) {
        launcher.focus();
      }
      return;
    }
    if (!state.history.length && !state.pending.length) {
      // "/greet" is one of the assistant's own button payloads, which the input guard lets through.
      send("/greet", null);
    } else {
      flush();
    }
    scrollToBottom();
    if (moveFocus) {
      input.focus();
    }
  }

  function restart() {
    conversation += 1;
    clearTimeout(retryTimer);
    sending = false;
    failures = 0;
    hideAlert();
    state = freshState();
    renderAll();
    setOpen(true, true);
  }

  launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
  closeButton.addEventListener("click", function () { setOpen(false, true); });
  restartButton.addEventListener("click", restart);
  retryButton.addEventListener("click", retryNow);
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      setOpen(false, true);
    }
  });

  function sendTypedText() {
    var text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = "";
    input.style.height = "";
    if (!failures) {
      hideAlert();
    }
    send(text, text);
    input.focus();
  }

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    sendTypedText();
  });
  input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter starts a new line; an input method's Enter only picks a word.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendTypedText();
    }
  });
  input.addEventListener("input", function () {
    input.style.height = "";
    input.style.height = Math.min(input.scrollHeight + 2, 128) + "px";
  });
  window.addEventListener("online", function () {
    if (failures) {
      retryNow();
    }
  });

  function mount() {
    document.body.appendChild(host);
    renderAll();
    if (state.open) {
      // Reopened after a page change, without stealing the focus from the page.
      setOpen(true, false);
    }
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
