;;; emacs_plan_test.el --- drive the shipped client-config/emacs/specls.el in batch Emacs -*- lexical-binding: t -*-
(require 'package)
(package-initialize)
(require 'json)
(add-to-list 'load-path (getenv "SPECLS_EMACS_CONFIG"))
(require 'specls)

(defvar specls-test--result (list :diagnostics 0 :plan_applied :json-false :errors []))
(defvar specls-test--published 0)

(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (memq method '(textDocument/publishDiagnostics :textDocument/publishDiagnostics))
                (let ((diagnostics (plist-get params :diagnostics)))
                  (when (> (length diagnostics) 0)
                    (setq specls-test--published (length diagnostics)))))))

(defun specls-test--wait (seconds predicate)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun specls-test--write ()
  (with-temp-file (getenv "SPECLS_TEST_OUT")
    (insert (json-encode specls-test--result))))

(condition-case err
    (progn
      (setq specls-command (append (json-read-from-string (getenv "SPECLS_CMD")) nil))
      (setq eglot-sync-connect 30)
      ;; Batch Emacs cannot answer eglot's "Server wants to edit a file that is not open" prompt.
      (fset 'y-or-n-p (lambda (&rest _) t))
      (find-file (getenv "SPECLS_SPEC"))
      (markdown-mode)
      (specls-maybe-start)
      ;; eglot-ensure connects from post-command-hook, which batch Emacs never runs by itself.
      (run-hooks 'post-command-hook)
      (specls-test--wait 30 (lambda () (eglot-current-server)))
      (specls-test--wait 30 (lambda () (> specls-test--published 0)))
      (setq specls-test--result (plist-put specls-test--result :diagnostics specls-test--published))
      (when (specls-plan)
        (setq specls-test--result (plist-put specls-test--result :plan_applied t)))
      (save-some-buffers t))
  (error (setq specls-test--result (plist-put specls-test--result :errors (vector (format "%S" err))))))
(specls-test--write)
(kill-emacs 0)
