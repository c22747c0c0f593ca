-- specls for Neovim's built-in LSP client.
-- Neovim >= 0.8 uses vim.lsp.start; Neovim 0.7 falls back to vim.lsp.start_client + buf_attach_client.
-- (Neovim >= 0.11 users can instead use vim.lsp.config / vim.lsp.enable: see README.md.)
--
--   require("specls").setup({
--     cmd = { "specls", "serve" },                       -- how to start the server
--     settings = { specls = { plan = { onSave = "update-if-exists" } } },
--   })
--
-- Commands: :SpeclsPlan (generate or update plan.md through the server's code action).
local M = {}

M.defaults = {
  cmd = { "specls", "serve" },
  settings = { specls = {} },
  init_options = nil,
  -- Files specls analyses: spec-kit/OpenSpec spec.md, Kiro requirements/bugfix/tasks/design, and plan.md beside them.
  patterns = { "spec.md", "*/.kiro/specs/*/requirements.md", "*/.kiro/specs/*/bugfix.md", "*/.kiro/specs/*/tasks.md", "*/.kiro/specs/*/design.md", "plan.md" },
  root_markers = { ".git", "specs", "openspec", ".kiro", "pyproject.toml", ".specls.toml" },
}

local config = vim.deepcopy(M.defaults)
local client_id = nil

local function find_root(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while dir and dir ~= "" do
    for _, marker in ipairs(config.root_markers) do
      if vim.fn.isdirectory(dir .. "/" .. marker) == 1 or vim.fn.filereadable(dir .. "/" .. marker) == 1 then
        if marker ~= "specs" or vim.fn.isdirectory(dir .. "/.git") == 1 then
          return dir
        end
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then break end
    dir = parent
  end
  return vim.fn.fnamemodify(path, ":p:h")
end

local function client_config(bufnr)
  local root = find_root(vim.api.nvim_buf_get_name(bufnr))
  return {
    name = "specls",
    cmd = config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = config.settings,
    init_options = config.init_options,
    on_init = function(client)
      -- Neovim 0.7 does not answer workspace/configuration from `settings` until told; push them once.
      client.notify("workspace/didChangeConfiguration", { settings = config.settings })
    end,
  }
end

function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.lsp.start then
    client_id = vim.lsp.start(client_config(bufnr), { bufnr = bufnr })
  else
    if not client_id or not vim.lsp.get_client_by_id(client_id) then
      client_id = vim.lsp.start_client(client_config(bufnr))
    end
    if client_id then
      vim.lsp.buf_attach_client(bufnr, client_id)
    end
  end
  return client_id
end

--- Ask the server for its "Generate/Update plan.md" source action and apply it (an undoable edit).
function M.plan(bufnr, callback)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { "source" } },
  }
  vim.lsp.buf_request(bufnr, "textDocument/codeAction", params, function(err, result, ctx)
    if err then
      vim.notify("specls: " .. tostring(err.message or err), vim.log.levels.ERROR)
      if callback then callback(false) end
      return
    end
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    local chosen = nil
    for _, action in ipairs(result or {}) do
      if type(action.title) == "string" and action.title:match("^[GU]%a+ plan%.md") then
        chosen = action
        break
      end
    end
    if not chosen then
      vim.notify("specls: no plan action for this buffer", vim.log.levels.WARN)
      if callback then callback(false) end
      return
    end
    local function apply(action)
      if action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
      end
      if action.command then
        client.request("workspace/executeCommand", action.command, function() end, bufnr)
      end
      if callback then callback(true, action) end
    end
    if not chosen.edit and client.server_capabilities.codeActionProvider
        and type(client.server_capabilities.codeActionProvider) == "table"
        and client.server_capabilities.codeActionProvider.resolveProvider then
      client.request("codeAction/resolve", chosen, function(resolve_err, resolved)
        if resolve_err then
          vim.notify("specls: " .. tostring(resolve_err.message), vim.log.levels.ERROR)
          if callback then callback(false) end
          return
        end
        apply(resolved)
      end, bufnr)
    else
      apply(chosen)
    end
  end)
end

function M.setup(opts)
  config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup("specls", { clear = true })
  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    group = group,
    pattern = config.patterns,
    callback = function(args) M.attach(args.buf) end,
  })
  vim.api.nvim_create_user_command("SpeclsPlan", function() M.plan() end, { desc = "Generate or update plan.md" })
end

return M
