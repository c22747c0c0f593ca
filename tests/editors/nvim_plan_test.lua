-- Drives the shipped client-config/neovim/lua/specls.lua in headless Neovim: open a spec, wait for specls
-- diagnostics, run :SpeclsPlan's code action, save the plan buffer, write what happened as JSON.
local out = os.getenv("SPECLS_TEST_OUT")
local result = { diagnostics = 0, plan_applied = false, errors = {}, hover = "" }
local function finish()
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end
local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(os.getenv("SPECLS_NVIM_CONFIG"))
  local specls = require("specls")
  specls.setup({ cmd = vim.fn.json_decode(os.getenv("SPECLS_CMD")) })
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("SPECLS_SPEC")))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = #vim.diagnostic.get(bufnr)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(codes, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "")) end
  result.codes = codes
  -- hover on the Loan entity definition line
  local hover_done = false
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for index, line in ipairs(lines) do
    local column = line:find("%*%*Loan%*%*")
    if column then
      vim.lsp.buf_request(bufnr, "textDocument/hover", {
        textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = index - 1, character = column + 2 },
      }, function(_, hover)
        if hover and hover.contents then
          result.hover = type(hover.contents) == "table" and (hover.contents.value or vim.fn.json_encode(hover.contents)) or tostring(hover.contents)
        end
        hover_done = true
      end)
      break
    end
  end
  vim.wait(15000, function() return hover_done end, 50)
  local done = false
  specls.plan(bufnr, function(applied) result.plan_applied = applied; done = true end)
  vim.wait(30000, function() return done end, 50)
  vim.cmd("silent! wall")
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
