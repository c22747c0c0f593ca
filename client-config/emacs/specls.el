;;; specls.el --- specls language server for Emacs through eglot -*- lexical-binding: t -*-

;; Works with Emacs 28 + eglot 1.9 (Debian's elpa-eglot) and newer (eglot is built into Emacs 29+).
;; Usage, in init.el:
;;
;;   (add-to-list 'load-path "/path/to/specls/client-config/emacs")
;;   (require 'specls)
;;   (add-hook 'markdown-mode-hook #'specls-maybe-start)
;;
;; Commands: `specls-plan' generates or updates plan.md through the server's code action (an undoable edit).

;;; Code:

(require 'eglot)
(require 'jsonrpc)
(require 'cl-lib)

(defgroup specls nil "specls: spec files language server." :group 'tools)

(defcustom specls-command '("specls" "serve")
  "Command that starts the specls language server."
  :type '(repeat string))

(defcustom specls-file-regexp
  "\\(?:/spec\\.md\\|/\\.kiro/specs/[^/]+/\\(?:requirements\\|bugfix\\|tasks\\|design\\)\\.md\\|/plan\\.md\\)\\'"
  "Files for which `specls-maybe-start' starts eglot."
  :type 'regexp)

(unless (fboundp 'markdown-mode)
  ;; markdown-mode (MELPA) is the usual major mode; without it, a minimal stand-in keeps eglot's languageId right.
  (define-derived-mode markdown-mode text-mode "Markdown"))

(add-to-list 'eglot-server-programs
             `((markdown-mode gfm-mode) . ,(lambda (&rest _) specls-command)))

;; Settings sent as workspace/configuration (section "specls"), e.g.
;; (setq-default eglot-workspace-configuration '(:specls (:plan (:onSave "update-if-exists"))))

;;;###autoload
(defun specls-maybe-start ()
  "Start eglot with specls when the current buffer is a spec file."
  (when (and buffer-file-name (string-match-p specls-file-regexp buffer-file-name))
    (eglot-ensure)))

;;;###autoload
(defun specls-plan ()
  "Ask specls for its Generate/Update plan.md source action and apply it."
  (interactive)
  (let* ((server (eglot--current-server-or-lose))
         (actions (jsonrpc-request
                   server :textDocument/codeAction
                   (list :textDocument (eglot--TextDocumentIdentifier)
                         :range (list :start '(:line 0 :character 0) :end '(:line 0 :character 0))
                         :context '(:diagnostics [] :only ["source"]))))
         (action (cl-find-if (lambda (a) (string-match-p "\\`\\(Generate\\|Update\\) plan\\.md" (or (plist-get a :title) "")))
                             (append actions nil))))
    (unless action (user-error "specls offers no plan action for this buffer"))
    (when (and (not (plist-get action :edit)) (plist-get action :data))
      ;; Servers may resolve expensive edits lazily; eglot 1.9 does not call codeAction/resolve itself.
      (setq action (jsonrpc-request server :codeAction/resolve action)))
    (when (plist-get action :edit)
      (eglot--apply-workspace-edit (plist-get action :edit)))
    (let ((command (plist-get action :command)))
      (when command
        (eglot-execute-command server (intern (plist-get command :command)) (plist-get command :arguments))))
    action))

(provide 'specls)
;;; specls.el ends here
