/* Staff console. Plain JavaScript, no dependency. Every piece of data is shown with
   textContent (never innerHTML): questions, answers and patients' details are untrusted.
   The staff token stays in sessionStorage (gone when the tab closes) and is sent as a
   Bearer header on each API call. */
(function () {
  "use strict";

  var API = "/staff/api";
  var TOKEN_KEY = "staffToken";
  var STATUS_NAMES = { "new": "Nouvelle", called: "Patient appelé", closed: "Close" };
  var percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
  var dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short" });
  var state = { topics: [], lastTry: null, batchRows: [] };

  function $(id) { return document.getElementById(id); }

  function el(tag, options, children) {
    var node = document.createElement(tag);
    options = options || {};
    if (options.text !== undefined && options.text !== null) { node.textContent = String(options.text); }
    if (options.className) { node.className = options.className; }
    Object.keys(options.attrs || {}).forEach(function (name) { node.setAttribute(name, options.attrs[name]); });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function show(node, visible) { node.hidden = !visible; }

  function say(node, message) {
    node.textContent = message || "";
    show(node, Boolean(message));
  }

  function formatPercent(value) { return typeof value === "number" ? percent.format(value) : "–"; }

  function formatDate(iso) {
    var moment = iso ? new Date(iso) : null;
    return moment && !isNaN(moment) ? dateTime.format(moment) : "–";
  }

  /* ---------- API ---------- */

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

  function ApiError(message, status) { this.message = message; this.status = status; }

  function api(method, path, body) {
    var options = { method: method, headers: { Authorization: "Bearer " + token() } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(API + path, options).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var read = type.indexOf("application/json") === 0 ? response.json() : response.text();
      return read.then(function (data) {
        if (response.ok) { return data; }
        var message = data && data.error ? data.error : "Erreur du serveur (" + response.status + ").";
        if (response.status === 401 && path !== "/session") { logout(message); }
        throw new ApiError(message, response.status);
      });
    }, function () {
      throw new ApiError("Le serveur de l'assistant ne répond pas : vérifiez qu'il est démarré.", 0);
    });
  }

  function failInto(node) {
    return function (error) { say(node, error.message || String(error)); };
  }

  /* ---------- Session ---------- */

  function login(event) {
    event.preventDefault();
    var value = $("token").value.trim();
    if (!value) { say($("login-error"), "Saisissez le jeton d'accès."); return; }
    sessionStorage.setItem(TOKEN_KEY, value);
    openConsole();
  }

  function openConsole() {
    say($("login-error"), "");
    api("GET", "/session").then(function (session) {
      $("token").value = "";
      $("clinic-name").textContent = session.clinic;
      if (session.model) {
        $("model-badge").textContent = "Modèle : " + session.model.file;
        show($("model-badge"), true);
      }
      show($("login-view"), false);
      show($("console-view"), true);
      show($("logout"), true);
      loadTopics();
      $("try-text").focus();
    }).catch(function (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      say($("login-error"), error.message);
      $("token").focus();
    });
  }

  function logout(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    show($("console-view"), false);
    show($("logout"), false);
    show($("model-badge"), false);
    show($("login-view"), true);
    say($("login-error"), typeof message === "string" ? message : "");
  }

  /* ---------- Tabs ---------- */

  var loaders = {
    "panel-flags": function () { loadFlags(); },
    "panel-callbacks": function () { loadCallbacks(); },
    "panel-model": function () { loadModel(); }
  };

  function selectTab(tab) {
    document.querySelectorAll("[role=tab]").forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      show($(other.getAttribute("aria-controls")), selected);
    });
    var loader = loaders[tab.getAttribute("aria-controls")];
    if (loader) { loader(); }
  }

  function tabKeys(event) {
    var tabs = Array.prototype.slice.call(document.querySelectorAll("[role=tab]"));
    var index = tabs.indexOf(event.target);
    var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (index < 0 || !step) { return; }
    var next = tabs[(index + step + tabs.length) % tabs.length];
    next.focus();
    selectTab(next);
  }

  /* ---------- Topics (flag form, model panel) ---------- */

  function loadTopics() {
    return api("GET", "/model").then(function (model) {
      state.topics = model.topics;
      var select = $("flag-topic");
      clear(select);
      select.appendChild(el("option", { text: "Choisir…", attrs: { value: "" } }));
      model.topics.forEach(function (topic) {
        select.appendChild(el("option", { text: topic.name + " (" + topic.topic + ")", attrs: { value: topic.topic } }));
      });
      fillAnswers();
      return model;
    });
  }

  function fillAnswers() {
    var select = $("flag-answer");
    var topic = state.topics.filter(function (t) { return t.topic === $("flag-topic").value; })[0];
    clear(select);
    select.appendChild(el("option", { text: "Pas sûr : le sujet suffit", attrs: { value: "" } }));
    (topic ? topic.answers : []).forEach(function (answer) {
      var label = answer.title === answer.key ? answer.key : answer.title + " (" + answer.key + ")";
      select.appendChild(el("option", { text: label, attrs: { value: answer.key } }));
    });
    select.disabled = !topic;
  }

  /* ---------- Try a question ---------- */

  function stripSourceLine(text, sourceLine) {
    if (sourceLine && text.slice(-sourceLine.length) === sourceLine) {
      return text.slice(0, -sourceLine.length).replace(/\s+$/, "");
    }
    return text;
  }

  function renderMessages(messages) {
    var box = $("try-messages");
    clear(box);
    if (!messages.length) {
      box.appendChild(el("p", { className: "empty", text: "L'assistant n'a rien répondu." }));
    }
    messages.forEach(function (message) {
      var bubble = el("div", { className: "bubble bubble-bot" });
      stripSourceLine(message.text, message.source_line).split(/\n+/).forEach(function (line) {
        if (line.trim()) { bubble.appendChild(el("p", { text: line })); }
      });
      if (message.source_line) { bubble.appendChild(el("p", { className: "source-line", text: message.source_line })); }
      box.appendChild(bubble);
      if (message.buttons.length) {
        box.appendChild(el("div", { className: "chips" }, message.buttons.map(function (title) {
          return el("span", { className: "chip", text: title });
        })));
      }
    });
  }

  function answerLabel(answer) {
    if (!answer.key) { return "–"; }
    return answer.title && answer.title !== answer.key ? answer.title + " (" + answer.key + ")" : answer.key;
  }

  function confidenceMeter(value) {
    var meter = el("span", { className: "meter", attrs: { "aria-hidden": "true" } }, [el("span")]);
    meter.firstChild.style.width = Math.round(Math.max(0, Math.min(1, value || 0)) * 100) + "%";
    return el("span", { className: "confidence" }, [meter, el("strong", { text: formatPercent(value) })]);
  }

  function renderEscalation(escalation) {
    var box = $("try-escalation");
    clear(box);
    if (!escalation.fired) {
      box.appendChild(el("span", { className: "badge badge-neutral", text: "Non" }));
      return;
    }
    box.appendChild(el("span", { className: "badge badge-alert", text: "Oui" }));
    var details = [];
    if (escalation.topic) { details.push("sujet " + escalation.topic); }
    if (escalation.category) { details.push("catégorie " + escalation.category); }
    if (escalation.rule) { details.push("règle " + escalation.rule); }
    if (escalation.probability != null) { details.push("probabilité " + escalation.probability.toFixed(2)); }
    if (details.length) { box.appendChild(el("span", { className: "detail", text: details.join(" · ") })); }
  }

  function renderAlternatives(result) {
    var list = $("try-alternatives");
    clear(list);
    var entries = result.topic === "clarify" && result.candidates.length ? result.candidates : result.alternatives;
    if (!entries.length) { list.appendChild(el("li", { className: "empty", text: "Aucune." })); }
    entries.forEach(function (answer) {
      list.appendChild(el("li", {}, [el("div", {}, [
        el("span", { className: "alt-name", text: answerLabel(answer) }),
        el("span", { className: "alt-confidence", text: formatPercent(answer.confidence) })
      ]), answer.topic_name ? el("span", { className: "detail", text: "Sujet : " + answer.topic_name }) : null]));
    });
  }

  function renderSources(sources) {
    var box = $("try-sources");
    clear(box);
    if (!sources.length) {
      box.appendChild(el("p", { className: "empty", text: "Aucune source citée pour cette réponse." }));
    }
    sources.forEach(function (source) {
      box.appendChild(el("section", { className: "source" }, [el("h5", { text: source.label })].concat(
        source.passages.map(function (passage) { return el("blockquote", { text: passage }); })
      )));
    });
  }

  function renderTry(result) {
    state.lastTry = result;
    $("try-question").textContent = result.question;
    renderMessages(result.messages);
    $("try-topic").textContent = result.topic_name + " (" + result.topic + ")";
    $("try-intent").textContent = answerLabel(result.answer);
    clear($("try-confidence"));
    $("try-confidence").appendChild(confidenceMeter(result.confidence));
    renderEscalation(result.escalation);
    renderAlternatives(result);
    renderSources(result.sources);
    $("flag-form").reset();
    $("flag-topic").value = "";
    fillAnswers();
    say($("flag-error"), "");
    say($("flag-ok"), "");
    show($("try-result"), true);
  }

  function tryQuestion(text) {
    var button = $("try-form").querySelector("button");
    say($("try-error"), "");
    button.disabled = true;
    button.textContent = "En cours…";
    return api("POST", "/try", { text: text }).then(renderTry).catch(failInto($("try-error"))).then(function () {
      button.disabled = false;
      button.textContent = "Essayer";
    });
  }

  function submitTry(event) {
    event.preventDefault();
    var text = $("try-text").value.trim();
    if (!text) { say($("try-error"), "Écrivez une question à essayer."); return; }
    tryQuestion(text);
  }

  /* ---------- Flags ---------- */

  function submitFlag(event) {
    event.preventDefault();
    var result = state.lastTry;
    say($("flag-error"), "");
    say($("flag-ok"), "");
    if (!result) { return; }
    if (!$("flag-topic").value) { say($("flag-error"), "Choisissez le sujet attendu dans la liste."); return; }
    api("POST", "/flags", {
      question: result.question,
      answer_text: result.text,
      answer_topic: result.topic,
      answer_intent: result.answer.key,
      expected_topic: $("flag-topic").value,
      expected_answer_key: $("flag-answer").value || null,
      comment: $("flag-comment").value
    }).then(function () {
      $("flag-form").reset();
      fillAnswers();
      say($("flag-ok"), "Merci : la réponse est signalée (onglet « Réponses signalées »).");
    }).catch(failInto($("flag-error")));
  }

  function labelled(label, node) {
    node.setAttribute("data-label", label);
    return node;
  }

  function flagRow(flag) {
    var remove = el("button", { className: "button-quiet small", text: "Supprimer", attrs: { type: "button" } });
    remove.addEventListener("click", function () {
      if (!window.confirm("Supprimer ce signalement ?")) { return; }
      api("DELETE", "/flags/" + flag.id).then(loadFlags).catch(failInto($("flags-error")));
    });
    var expected = flag.expected_topic_name + (flag.expected_answer_key ? " – " + flag.expected_answer_key : "");
    return el("tr", {}, [
      labelled("Date", el("td", { text: formatDate(flag.created_at) })),
      labelled("Question", el("td", { className: "strong wide", text: flag.question })),
      labelled("Réponse donnée", el("td", { className: "wide" }, [
        el("span", { text: flag.answer_topic_name + (flag.answer_intent ? " (" + flag.answer_intent + ")" : "") }),
        el("details", {}, [el("summary", { text: "Texte" }), el("p", { text: flag.answer_text })])
      ])),
      labelled("Sujet attendu", el("td", { text: expected })),
      labelled("Commentaire", el("td", { className: "wide", text: flag.comment || "–" })),
      labelled("Modèle", el("td", { className: "mono", text: flag.model_version })),
      el("td", { className: "actions" }, [remove])
    ]);
  }

  function loadFlags() {
    say($("flags-error"), "");
    return api("GET", "/flags").then(function (data) {
      var body = $("flags-body");
      clear(body);
      data.flags.forEach(function (flag) { body.appendChild(flagRow(flag)); });
      show($("flags-table"), data.flags.length > 0);
      show($("flags-empty"), data.flags.length === 0);
    }).catch(failInto($("flags-error")));
  }

  function exportFlags() {
    say($("flags-error"), "");
    fetch(API + "/flags/export", { headers: { Authorization: "Bearer " + token() } }).then(function (response) {
      if (!response.ok) { throw new ApiError("Export impossible (" + response.status + ").", response.status); }
      var name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
      return response.blob().then(function (blob) {
        var link = el("a", { attrs: { href: URL.createObjectURL(blob), download: name ? name[1] : "questions-signalees.yml" } });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      });
    }).catch(failInto($("flags-error")));
  }

  /* ---------- Batch ---------- */

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(new ApiError("Fichier illisible.", 0)); };
      reader.readAsText(file, "utf-8");
    });
  }

  function figure(label, value, tone) {
    return el("div", { className: "figure card" + (tone ? " " + tone : "") }, [
      el("span", { className: "figure-value", text: value }),
      el("span", { className: "figure-label", text: label })
    ]);
  }

  function accuracyTone(accuracy) {
    if (accuracy === null) { return ""; }
    return accuracy >= 0.9 ? "good" : accuracy >= 0.75 ? "fair" : "poor";
  }

  function renderBatchRows() {
    var body = $("batch-body");
    var missesOnly = $("batch-misses-only").checked;
    clear(body);
    state.batchRows.filter(function (row) { return !missesOnly || row.correct === false; }).forEach(function (row) {
      var verdict = row.correct === null ? "–" : row.correct ? "Juste" : "Erreur";
      var retry = el("button", { className: "button-quiet small", text: "Essayer", attrs: { type: "button" } });
      retry.addEventListener("click", function () {
        $("try-text").value = row.text;
        selectTab($("tab-try"));
        tryQuestion(row.text);
      });
      body.appendChild(el("tr", { className: row.correct === false ? "miss" : "" }, [
        labelled("Question", el("td", { className: "wide" }, [
          el("span", { className: "strong", text: row.text }),
          el("details", {}, [el("summary", { text: "Réponse donnée" }), el("p", { text: row.answer })])
        ])),
        labelled("Sujet attendu", el("td", { text: row.expected_name || "–" })),
        labelled("Sujet obtenu", el("td", { text: row.topic_name })),
        labelled("Confiance", el("td", { className: "number", text: formatPercent(row.confidence) })),
        labelled("Résultat", el("td", {}, [el("span", {
          className: "badge " + (row.correct === false ? "badge-alert" : row.correct ? "badge-ok" : "badge-neutral"),
          text: verdict
        })])),
        el("td", { className: "actions" }, [retry])
      ]));
    });
  }

  function renderBatch(result) {
    var figures = $("batch-figures");
    clear(figures);
    figures.appendChild(figure("questions", String(result.questions)));
    figures.appendChild(figure(
      result.accuracy === null ? "exactitude (aucun sujet attendu donné)" : "exactitude sur " + result.labelled + " questions",
      result.accuracy === null ? "–" : formatPercent(result.accuracy),
      accuracyTone(result.accuracy)
    ));
    figures.appendChild(figure("erreurs", String(result.misses.length)));
    figures.appendChild(figure("questions de précision", String(result.clarifications)));
    show($("confusion-figure"), Boolean(result.confusion_matrix));
    if (result.confusion_matrix) { $("confusion-matrix").src = result.confusion_matrix; }
    $("confidence-histogram").src = result.confidence_histogram;
    state.batchRows = result.rows;
    renderBatchRows();
    show($("batch-result"), true);
  }

  function submitBatch(event) {
    event.preventDefault();
    var file = $("batch-file").files[0];
    var button = $("batch-submit");
    say($("batch-error"), "");
    var content = file ? readFile(file) : Promise.resolve($("batch-text").value);
    button.disabled = true;
    say($("batch-progress"), "Vérification en cours… (environ une minute pour 200 questions)");
    content.then(function (text) {
      return api("POST", "/batch", { content: text, filename: file ? file.name : null });
    }).then(renderBatch).catch(failInto($("batch-error"))).then(function () {
      button.disabled = false;
      say($("batch-progress"), "");
    });
  }

  /* ---------- Callbacks ---------- */

  function statusSelect(callback) {
    var select = el("select", { attrs: { "aria-label": "Statut de " + callback.reference } });
    Object.keys(STATUS_NAMES).forEach(function (status) {
      var option = el("option", { text: STATUS_NAMES[status], attrs: { value: status } });
      option.selected = status === callback.status;
      select.appendChild(option);
    });
    select.className = "status status-" + callback.status;
    select.addEventListener("change", function () {
      var chosen = select.value;
      select.disabled = true;
      say($("callbacks-error"), "");
      api("POST", "/callbacks/" + encodeURIComponent(callback.reference) + "/status", { status: chosen })
        .then(function (updated) {
          callback.status = updated.status;
          select.className = "status status-" + updated.status;
        })
        .catch(function (error) {
          select.value = callback.status;
          say($("callbacks-error"), error.message);
        })
        .then(function () { select.disabled = false; });
    });
    return select;
  }

  function callbackRow(callback) {
    var phone = el("a", { text: callback.phone, attrs: { href: "tel:" + callback.phone } });
    return el("tr", { attrs: { "data-reference": callback.reference } }, [
      labelled("Référence", el("td", { className: "mono", text: callback.reference })),
      labelled("Reçue le", el("td", { text: formatDate(callback.created_at) })),
      labelled("Prénom", el("td", { className: "strong", text: callback.first_name })),
      labelled("Téléphone", el("td", {}, [phone])),
      labelled("Créneau", el("td", { text: callback.time_slot })),
      labelled("Motif", el("td", { className: "wide", text: callback.reason })),
      labelled("Statut", el("td", {}, [statusSelect(callback)]))
    ]);
  }

  function loadCallbacks() {
    var status = $("callback-filter").value;
    say($("callbacks-error"), "");
    return api("GET", "/callbacks" + (status ? "?status=" + encodeURIComponent(status) : "")).then(function (data) {
      var body = $("callbacks-body");
      clear(body);
      data.callbacks.forEach(function (callback) { body.appendChild(callbackRow(callback)); });
      show($("callbacks-table"), data.callbacks.length > 0);
      show($("callbacks-empty"), data.callbacks.length === 0);
    }).catch(failInto($("callbacks-error")));
  }

  /* ---------- Model ---------- */

  function loadModel() {
    say($("model-error"), "");
    return loadTopics().then(function (model) {
      var facts = $("model-facts");
      clear(facts);
      [["Fichier du modèle", model.file], ["Entraîné le", formatDate(model.trained_at)],
       ["Identifiant", model.model_id]].forEach(function (pair) {
        facts.appendChild(el("dt", { text: pair[0] }));
        facts.appendChild(el("dd", { className: pair[0] === "Entraîné le" ? "" : "mono", text: pair[1] }));
      });
      var body = $("model-topics");
      clear(body);
      model.topics.forEach(function (topic) {
        body.appendChild(el("tr", { className: topic.few_examples ? "few" : "" }, [
          labelled("Sujet", el("td", { className: "wide", text: topic.name })),
          labelled("Code", el("td", { className: "mono", text: topic.topic })),
          labelled("Exemples", el("td", { className: "number", text: String(topic.examples) }))
        ]));
      });
    }).catch(failInto($("model-error")));
  }

  /* ---------- Start ---------- */

  document.addEventListener("DOMContentLoaded", function () {
    $("login-form").addEventListener("submit", login);
    $("logout").addEventListener("click", function () { logout(""); });
    document.querySelectorAll("[role=tab]").forEach(function (tab) {
      tab.addEventListener("click", function () { selectTab(tab); });
      tab.addEventListener("keydown", tabKeys);
    });
    $("try-form").addEventListener("submit", submitTry);
    $("flag-topic").addEventListener("change", fillAnswers);
    $("flag-form").addEventListener("submit", submitFlag);
    $("export-flags").addEventListener("click", exportFlags);
    $("batch-form").addEventListener("submit", submitBatch);
    $("batch-misses-only").addEventListener("change", renderBatchRows);
    $("callback-filter").addEventListener("change", loadCallbacks);
    if (token()) { openConsole(); }
  });
})();
