/*
 * 双随机联合监管 — boots GraphiQL on /explorer. Served as a file from the gateway:
 * the page allows no inline script. React, ReactDOM and GraphiQL are the UMD
 * globals loaded before this file, from the same origin.
 */
(function () {
  'use strict';

  var h = React.createElement;
  var root = document.getElementById('graphiql');
  var endpoint = root.getAttribute('data-endpoint');
  var operationsUrl = root.getAttribute('data-operations');
  var introspection = root.getAttribute('data-introspection') !== 'off';
  var tokenInput = document.getElementById('explorer-token');
  var whoami = document.getElementById('explorer-whoami');
  // The token lives for this browser tab only: never in localStorage, never in the saved tabs.
  var TOKEN_KEY = 'ssj-explorer-token';

  var ROLE_NAMES = {
    public: '公众 · 无需令牌 (public)',
    division_admin: '部门管理员 (division_admin)',
    coordinator: '联席办 (coordinator)',
    inspector: '检查人员 (inspector)',
    supervisor: '督查 (supervisor)',
    analyst: '数据分析 (analyst)',
  };

  function currentToken() {
    return tokenInput.value.trim().replace(/^Bearer\s+/i, '');
  }

  /** Shows whose token is pasted (decoded only for display; the gateway verifies it). */
  function describeToken(token) {
    if (!token) return '未登录 (public)';
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var bytes = Uint8Array.from(atob(part), function (c) {
        return c.charCodeAt(0);
      });
      var claims = JSON.parse(new TextDecoder().decode(bytes));
      var who = [claims.name || claims.sub, (claims.roles || []).join(','), claims.division, claims.inspector].filter(Boolean).join(' · ');
      if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return who + ' — 已过期 (expired)';
      return who;
    } catch (_error) {
      return '令牌格式不对 (not a JWT)';
    }
  }

  function showToken() {
    var token = currentToken();
    whoami.textContent = describeToken(token);
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch (_error) {
      /* storage may be disabled; the field still works for this page */
    }
  }

  try {
    tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || '';
  } catch (_error) {
    tokenInput.value = '';
  }
  tokenInput.addEventListener('input', showToken);
  showToken();

  var baseFetcher = GraphiQL.createFetcher({ url: endpoint });

  /** Whether `query` defines an operation called `name`. */
  function definesOperation(query, name) {
    var escaped = name.replace(/[^A-Za-z0-9_]/g, '');
    return new RegExp('\\b(query|mutation|subscription)\\s+' + escaped + '\\b').test(query);
  }

  /**
   * Adds the pasted token unless the tab's own headers already carry an
   * Authorization header. GraphiQL works out the operation name a moment after
   * the editor changes, so right after switching tabs it can still send the
   * previous tab's name: a name the document does not define is dropped, and
   * the server runs the document's only operation (or says a name is needed).
   */
  function fetcher(params, options) {
    if (params && params.operationName && typeof params.query === 'string' && !definesOperation(params.query, params.operationName)) {
      params = Object.assign({}, params, { operationName: undefined });
    }
    var headers = Object.assign({}, options && options.headers);
    var token = currentToken();
    var named = Object.keys(headers).some(function (name) {
      return name.toLowerCase() === 'authorization';
    });
    if (token && !named) headers.Authorization = 'Bearer ' + token;
    return baseFetcher(params, Object.assign({}, options, { headers: headers }));
  }

  function examplesPlugin(operations) {
    function ExamplesPanel() {
      var editor = GraphiQL.React.useEditorContext({ nonNull: true });
      function open(operation) {
        var index = editor.tabs.findIndex(function (tab) {
          return tab.query === operation.query;
        });
        if (index >= 0) {
          editor.changeTab(index);
          return;
        }
        editor.addTab();
        // The new tab's (empty) contents are set on the shared editors first; fill them after that.
        setTimeout(function () {
          if (editor.queryEditor) editor.queryEditor.setValue(operation.query);
          if (editor.variableEditor) editor.variableEditor.setValue(operation.variables);
        }, 0);
      }
      return h(
        'div',
        { className: 'explorer-examples' },
        h('div', { className: 'graphiql-doc-explorer-title' }, '示例操作'),
        h(
          'p',
          null,
          "按流程排列：事项清单 → 名录库 → 创建、确定、抽取 → 录入结果 → 公示。点击打开；需要令牌的操作请先在上方粘贴对应角色的令牌 (examples in the order of the procedure; paste the role's token above first).",
        ),
        h(
          'ul',
          null,
          operations.map(function (operation) {
            return h(
              'li',
              { key: operation.name },
              h(
                'button',
                {
                  type: 'button',
                  className: 'explorer-example',
                  'data-operation': operation.name,
                  title: operation.description,
                  onClick: function () {
                    open(operation);
                  },
                },
                h('span', { className: 'explorer-example-title' }, operation.title),
                h('span', { className: 'explorer-example-role' }, (ROLE_NAMES[operation.role] || operation.role) + ' · ' + operation.name + '.graphql'),
              ),
            );
          }),
        ),
      );
    }
    function ExamplesIcon() {
      return h(
        'svg',
        { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true' },
        h('path', { d: 'M4 5h16M4 12h16M4 19h10', stroke: 'currentColor', strokeWidth: 1.5, fill: 'none', strokeLinecap: 'round' }),
      );
    }
    return { title: '示例操作 (examples)', icon: ExamplesIcon, content: ExamplesPanel };
  }

  function savedTabs() {
    try {
      return localStorage.getItem('graphiql:tabState');
    } catch (_error) {
      return null;
    }
  }

  function render(operations) {
    var plugin = examplesPlugin(operations);
    var props = {
      fetcher: fetcher,
      plugins: [plugin],
      visiblePlugin: operations.length ? plugin : undefined,
      defaultEditorToolsVisibility: 'variables',
      shouldPersistHeaders: false,
      defaultQuery: '# 在左侧“示例操作”中选择一个例子，或直接输入查询。\n# Pick an example on the left, or type a query.\n',
    };
    if (operations.length) {
      props.defaultTabs = operations.map(function (operation) {
        return { query: operation.query, variables: operation.variables };
      });
      // GraphiQL 3 fills the first tab's query editor from defaultTabs but not its variables editor;
      // on a first visit (no saved tabs) hand it the first example's variables directly.
      if (!savedTabs()) props.variables = operations[0].variables;
    }
    // Without introspection (production) GraphiQL runs operations without a schema.
    if (!introspection) props.schema = null;
    ReactDOM.createRoot(root).render(h(GraphiQL, props));
  }

  fetch(operationsUrl, { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(render, function () {
      render([]);
    });
})();
