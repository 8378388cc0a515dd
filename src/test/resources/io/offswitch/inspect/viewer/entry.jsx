// The viewer page for offswitch's test: Inspect's App over its static-HTTP API, reading logs/listing.json.
import React from "react";
import { createRoot } from "react-dom/client";
import { App, clientApi, simpleHttpApi, initializeStore } from "@metrevals/inspect-log-viewer";
import "@metrevals/inspect-log-viewer/styles/index.css";

const api = clientApi(simpleHttpApi("logs"));
initializeStore(api, { downloadFiles: false, downloadLogs: false, webWorkers: false, streamSamples: false, streamSampleData: false });
createRoot(document.getElementById("app")).render(<App api={api} />);
