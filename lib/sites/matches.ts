// Where the content script runs: only the pages a site adapter handles (see each adapter's `urls`).
export const CONTENT_MATCHES = [
  'https://arxiv.org/list/*',
  'https://arxiv.org/abs/*',
  'https://arxiv.org/search/*',
  'https://export.arxiv.org/list/*',
  'https://export.arxiv.org/abs/*',
  'https://www.arxiv.org/list/*',
  'https://www.arxiv.org/abs/*',
  // Hugging Face navigates in-app (e.g. from a model page to /papers), so the script waits on the whole site.
  'https://huggingface.co/*',
];
