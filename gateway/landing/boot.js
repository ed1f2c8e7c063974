/* global document, React, ReactDOM, GraphiQL */
// Mounts GraphiQL with the settings the page carries in #landing-config (see page.ts).
// Plain browser script, served as is: keep it free of syntax that needs a build.
'use strict';
(function () {
  var config = JSON.parse(document.getElementById('landing-config').textContent);
  var props = {
    fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: config.headers ? 'headers' : true,
    isHeadersEditorEnabled: true,
    // Authorization headers stay out of localStorage.
    shouldPersistHeaders: false,
  };
  if (config.headers) props.defaultHeaders = config.headers;
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, props),
  );
})();
