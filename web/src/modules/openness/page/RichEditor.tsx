import { Button, Flex, message, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api.ts';
import { postApi } from './api.ts';
// the editor's own look (.hy-rich-area): it is used outside the org page too (learning's articles)
import './page.css';

/**
 * A light rich-text editor: contenteditable with bold, list, link and picture, and nothing else —
 * what the server keeps is its own allow-list anyway (posts/rules.ts), so a heavy editor would
 * only let people make what is then removed. Pictures are uploaded to the org's picture store
 * first and inserted by their address: text may show only the org's own pictures.
 */
export function RichEditor({
  value,
  onChange,
  orgId,
  id,
  label,
  testId,
}: {
  value: string;
  onChange: (html: string) => void;
  orgId: string;
  id?: string;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);

  // the content is the DOM's while editing; a value from outside (another item) replaces it
  useEffect(() => {
    if (el.current && el.current.innerHTML !== value) el.current.innerHTML = value;
  }, [value]);

  const emit = () => onChange(el.current?.innerHTML ?? '');
  const run = (command: string, arg?: string) => {
    el.current?.focus();
    document.execCommand(command, false, arg);
    emit();
  };

  return (
    <div className="hy-rich-editor">
      <Space size={4} wrap style={{ marginBottom: 6 }}>
        <Button
          size="small"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run('bold')}
          aria-label={t('orgPage.editor.bold')}
        >
          <b>B</b>
        </Button>
        <Button
          size="small"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run('insertUnorderedList')}
        >
          {t('orgPage.editor.list')}
        </Button>
        <Button
          size="small"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            const href = window.prompt(t('orgPage.editor.linkPrompt'), 'https://');
            if (href && /^(https?:|mailto:|tel:)/i.test(href)) run('createLink', href);
          }}
        >
          {t('orgPage.editor.link')}
        </Button>
        <Button
          size="small"
          loading={uploading}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => file.current?.click()}
          data-testid={testId ? `${testId}-image` : undefined}
        >
          {t('orgPage.editor.image')}
        </Button>
        <input
          ref={file}
          type="file"
          accept="image/jpeg,image/png,image/gif,image/webp"
          style={{ display: 'none' }}
          data-testid={testId ? `${testId}-image-file` : undefined}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            setUploading(true);
            try {
              const pic = await postApi.image(orgId, f);
              el.current?.focus();
              document.execCommand('insertHTML', false, `<p><img src="${pic.url}" alt=""></p>`);
              emit();
            } catch (err) {
              message.error(errorMessage(err));
            } finally {
              setUploading(false);
            }
          }}
        />
      </Space>
      <Flex>
        {/* biome-ignore lint/a11y/useSemanticElements: rich text cannot live in a <textarea> */}
        <div
          ref={el}
          role="textbox"
          aria-multiline="true"
          id={id}
          className="hy-rich-area"
          contentEditable
          suppressContentEditableWarning
          aria-label={label}
          tabIndex={0}
          onInput={emit}
          onBlur={emit}
          data-testid={testId}
        />
      </Flex>
    </div>
  );
}
