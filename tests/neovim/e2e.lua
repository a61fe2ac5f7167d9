-- Neovim's built-in LSP client attached to `oasguard server`: open a spec,
-- wait for diagnostics, apply a quick fix and a suppression through
-- vim.lsp.buf.code_action (with vim.ui.select answering for the user), and
-- write the buffer out for tests/lsp_neovim.rs to check. Any failure writes
-- its reason and exits non-zero.
-- Environment: OASGUARD_BIN, SPEC, RESULT. Works with Neovim 0.7 and later.

local bin, spec, result = os.getenv("OASGUARD_BIN"), os.getenv("SPEC"), os.getenv("RESULT")

local function finish(text, code)
  local file = assert(io.open(result, "w"))
  file:write(text)
  file:close()
  vim.cmd(code == 0 and "qall!" or "cquit!")
end

local function fail(message)
  finish("FAILED: " .. message, 1)
  error(message)
end

vim.cmd("edit " .. vim.fn.fnameescape(spec))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "oasguard",
  cmd = { bin, "server" },
  root_dir = vim.fn.fnamemodify(spec, ":h"),
})
if not client_id then
  fail("the client did not start")
end
vim.lsp.buf_attach_client(buf, client_id)

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function find(rule)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == rule then
      return d
    end
  end
end

local function wait_for(what, predicate)
  if not vim.wait(20000, predicate, 20) then
    fail("timed out waiting for " .. what)
  end
end

-- Runs the code action titled `title` on the finding of `rule`, as a user
-- would: cursor on the finding, code action, pick from the menu.
local function apply(rule, title)
  local d = find(rule)
  if not d then
    fail("no " .. rule .. " diagnostic")
  end
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local picked = false
  vim.ui.select = function(items, _, on_choice)
    local titles = {}
    for i, item in ipairs(items) do
      local action = item.action or item[2]
      table.insert(titles, action.title)
      if action.title == title then
        picked = true
        on_choice(item, i)
        return
      end
    end
    fail("no action '" .. title .. "' among: " .. table.concat(titles, " | "))
  end
  vim.lsp.buf.code_action()
  wait_for("the action '" .. title .. "'", function()
    return picked
  end)
  wait_for(rule .. " to go away", function()
    return find(rule) == nil
  end)
end

wait_for("diagnostics", function()
  return find("server-plain-http") ~= nil and find("string-unbounded") ~= nil
end)
apply("server-plain-http", "Use https:// for this server")
apply("string-unbounded", "Suppress string-unbounded here")
finish(table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n", 0)
