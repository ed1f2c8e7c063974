/* global document, fetch, Promise, React, ReactDOM, GraphiQL */
// Mounts GraphiQL with the settings the page carries in #landing-config (see page.ts), and
// wires the sign-in bar (sign-in-form.ts): its token and purpose go into every tab's headers.
// Plain browser script, served as is: keep it free of syntax that needs a build.
'use strict';
(function () {
  var config = JSON.parse(document.getElementById('landing-config').textContent);
  var form = document.getElementById('landing-sign-in');
  var signIn = config.signIn;
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var generation = 0;

  // GraphiQL keeps its tabs in this in-memory storage, never in localStorage: tokens stay in
  // this page, and a reload starts from the examples as served.
  var memory = {};
  var storage = {
    getItem: function (key) {
      return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
    },
    setItem: function (key, value) {
      memory[key] = String(value);
    },
    removeItem: function (key) {
      delete memory[key];
    },
    clear: function () {
      memory = {};
    },
    get length() {
      return Object.keys(memory).length;
    },
  };
  var KEY = function (name) {
    return 'graphiql:' + name;
  };

  function operationName(query) {
    var match = /^(?!#).*(query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(query || '');
    return match ? match[2] : null;
  }

  // Each example tab's consumer, by operation name: the tab title GraphiQL shows.
  var runAsByOperation = {};
  (config.tabs || []).forEach(function (tab) {
    var name = operationName(tab.query);
    if (name && tab.runAs) runAsByOperation[name] = tab.runAs;
  });

  function withCredentials(headersText, credentials) {
    var headers;
    try {
      headers = JSON.parse(headersText || '{}');
      if (!headers || typeof headers !== 'object' || Array.isArray(headers)) headers = {};
    } catch (error) {
      headers = {};
    }
    headers.authorization = 'Bearer ' + credentials.token;
    headers['x-purpose'] = credentials.purpose;
    return JSON.stringify(headers, null, 2);
  }

  // Rewrites every tab's headers (keeping the tab's other headers), then mounts GraphiQL anew
  // on that state: GraphiQL offers no way to change a tab that is not the active one.
  function mount(tabs, activeTabIndex, credentialsFor) {
    tabs.forEach(function (tab) {
      var credentials = credentialsFor(tab);
      if (credentials) tab.headers = withCredentials(tab.headers, credentials);
    });
    var active = tabs[activeTabIndex] || tabs[0];
    introspectedAs = credentialsOf(active.headers);
    storage.setItem(
      KEY('tabState'),
      JSON.stringify({ tabs: tabs, activeTabIndex: activeTabIndex }),
    );
    storage.setItem(KEY('query'), active.query || '');
    storage.setItem(KEY('variables'), active.variables || '');
    storage.setItem(KEY('headers'), active.headers || '');
    storage.setItem(KEY('shouldPersistHeaders'), 'true');
    generation += 1;
    root.render(
      React.createElement(GraphiQL, {
        key: 'graphiql-' + generation,
        fetcher: fetcher,
        storage: storage,
        defaultEditorToolsVisibility: 'headers',
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: true,
        onTabChange: followTabConsumer,
      }),
    );
  }

  // Docs and autocompletion follow the active tab's consumer: each example tab runs as its own,
  // and GraphiQL introspects only on mount, so a tab with other credentials refetches the schema.
  var introspectedAs = null;
  function credentialsOf(headersText) {
    try {
      var headers = JSON.parse(headersText || '{}');
      return (headers.authorization || '') + ' ' + (headers['x-purpose'] || '');
    } catch (error) {
      return null;
    }
  }
  function followTabConsumer(state) {
    var active = state.tabs[state.activeTabIndex];
    var credentials = active && credentialsOf(active.headers);
    if (!credentials || credentials === introspectedAs) return;
    introspectedAs = credentials;
    setTimeout(function () {
      var refetch = document.querySelector('button[aria-label="Re-fetch GraphQL schema"]');
      if (refetch) refetch.click();
    }, 0);
  }

  function initialTabs() {
    var tabs = config.tabs || [{ query: '{ __typename }' }];
    return tabs.map(function (tab, index) {
      var name = operationName(tab.query);
      return {
        id: 'tab-' + index,
        hash: null,
        title: name || '<untitled>',
        query: tab.query,
        variables: tab.variables || null,
        headers: tab.headers || config.headers || null,
        operationName: name,
        response: null,
      };
    });
  }

  function currentTabs() {
    var stored = storage.getItem(KEY('tabState'));
    if (stored) {
      var state = JSON.parse(stored);
      if (state && Array.isArray(state.tabs)) return state;
    }
    return { tabs: initialTabs(), activeTabIndex: 0 };
  }

  var base = GraphiQL.createFetcher({ url: config.endpoint });
  // A request without a token is not sent: the pane says how to get one instead of a 401.
  function fetcher(params, options) {
    var headers = (options && options.headers) || {};
    var authorization = headers.authorization || headers.Authorization || '';
    if (!/^Bearer [A-Za-z0-9_.-]+$/.test(authorization)) {
      var how =
        signIn && signIn.kind === 'development'
          ? 'Not signed in: choose a consumer in the bar above and press "Sign in".'
          : 'No token: paste your bearer token and choose a purpose in the bar above, then press "Use in every tab".';
      return Promise.resolve({ errors: [{ message: how }] });
    }
    return base(params, options);
  }

  function status(text) {
    if (form) form.elements.status.value = text;
  }

  function mint(consumer, person) {
    return fetch(signIn.tokenPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumer: consumer, person: person || undefined }),
      credentials: 'same-origin',
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || 'HTTP ' + response.status);
        return body;
      });
    });
  }

  // Development: one fresh token for the chosen consumer, and one per example tab's consumer.
  function signInAs(consumer, person, examplesOwn) {
    var names = [consumer];
    if (examplesOwn) {
      Object.keys(runAsByOperation).forEach(function (op) {
        var name = runAsByOperation[op];
        if (names.indexOf(name) < 0) names.push(name);
      });
    }
    status('Signing in as ' + consumer + '...');
    return Promise.all(
      names.map(function (name) {
        return mint(name, name === consumer ? person : undefined).then(function (token) {
          return [name, token];
        });
      }),
    ).then(function (pairs) {
      var tokens = {};
      pairs.forEach(function (pair) {
        tokens[pair[0]] = pair[1];
      });
      var state = currentTabs();
      mount(state.tabs, state.activeTabIndex, function (tab) {
        var own = examplesOwn && runAsByOperation[tab.operationName || tab.title];
        return tokens[own || consumer];
      });
      var expires = tokens[consumer].expiresAt;
      status(
        'Signed in as ' +
          consumer +
          ' (' +
          tokens[consumer].purpose +
          '), valid until ' +
          expires +
          (examplesOwn ? '; example tabs as their own consumers.' : '; every tab.'),
      );
    });
  }

  function wireDevelopment() {
    var select = form.elements.consumer;
    var personLabel = form.querySelector('.landing-person');
    function needsPerson() {
      var chosen = signIn.consumers.filter(function (c) {
        return c.name === select.value;
      })[0];
      return Boolean(chosen && chosen.needsPerson);
    }
    function showPerson() {
      personLabel.hidden = !needsPerson();
    }
    select.addEventListener('change', showPerson);
    showPerson();
    function submit() {
      var person = needsPerson() ? form.elements.person.value.trim() : undefined;
      return signInAs(select.value, person, form.elements.examplesOwn.checked).catch(
        function (error) {
          status('Sign-in failed: ' + error.message);
        },
      );
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      submit();
    });
    // Every tab is ready on first load: sign in as the default consumer before GraphiQL mounts.
    submit().then(function () {
      if (generation === 0) mount(initialTabs(), 0, function () {});
    });
  }

  function wireToken() {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var token = form.elements.token.value.trim().replace(/^Bearer\s+/i, '');
      var purpose = form.elements.purpose.value;
      if (!token || !purpose) return status('Give both a token and a purpose.');
      var state = currentTabs();
      mount(state.tabs, state.activeTabIndex, function () {
        return { token: token, purpose: purpose };
      });
      status('Every tab now sends your token with purpose ' + purpose + '.');
    });
    mount(initialTabs(), 0, function () {});
  }

  if (form && signIn && signIn.kind === 'development') wireDevelopment();
  else if (form && signIn) wireToken();
  else mount(initialTabs(), 0, function () {});
})();
