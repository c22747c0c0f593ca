-- Drive `specls serve` from headless Neovim's built-in LSP client (works on Neovim 0.7: start_client +
-- buf_attach_client, push diagnostics only) and write what the editor received to a JSON file.
-- Environment: SPECLS_FILE (spec to open), SPECLS_CMD (server command, JSON array), SPECLS_OUT (result path),
-- SPECLS_HOVER ("LINE:COL", 0-based), SPECLS_TIMEOUT_MS.
local file = os.getenv('SPECLS_FILE')
local out = os.getenv('SPECLS_OUT')
local cmd = vim.json.decode(os.getenv('SPECLS_CMD'))
local timeout = tonumber(os.getenv('SPECLS_TIMEOUT_MS') or '15000')
local hover_line, hover_col = string.match(os.getenv('SPECLS_HOVER') or '0:0', '(%d+):(%d+)')
local result = { errors = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, failure = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  vim.bo.filetype = 'markdown'
  local bufnr = vim.api.nvim_get_current_buf()
  local got_diagnostics = false
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
    if params and params.uri == vim.uri_from_bufnr(bufnr) then
      result.diagnostics = params.diagnostics
      got_diagnostics = true
    end
    return default_publish(err, params, ctx, config)
  end
  local root = vim.fn.fnamemodify(file, ':p:h')
  local client_id = vim.lsp.start_client({ name = 'specls', cmd = cmd, root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } } })
  vim.lsp.buf_attach_client(bufnr, client_id)
  if not vim.wait(timeout, function() return got_diagnostics end, 20) then
    table.insert(result.errors, 'no diagnostics')
  end
  result.vim_diagnostic_count = #vim.diagnostic.get(bufnr)
  local position = { line = tonumber(hover_line), character = tonumber(hover_col) }
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
  for _, response in pairs(hover or {}) do
    if response.result then result.hover = response.result.contents.value end
    if response.err then table.insert(result.errors, 'hover: ' .. vim.inspect(response.err)) end
  end
  local action_params = { textDocument = params.textDocument,
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {} } }
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', action_params, timeout)
  result.code_actions = {}
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(result.code_actions, action.title) end
  end
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then table.insert(result.errors, tostring(failure)) end
finish()
