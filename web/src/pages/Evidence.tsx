import { CameraOutlined, DeleteOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Image, List, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { blobUrl, client, download, ok, uploadFiles, type EvidenceFile } from '../api';

/** What the file picker offers: images (the camera on phones), PDF, Word, Excel — the server checks the bytes. */
const ACCEPT =
  'image/*,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,application/msword,application/vnd.ms-excel,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1048576).toFixed(1)} MB`);

/**
 * The upload control of the report forms: files go up at once (POST /api/tasks/:id/evidence) and the form
 * submits their ids. A file removed before submitting is deleted on the server.
 */
export function EvidenceUpload({ taskId, value = [], onChange }: { taskId: string; value?: EvidenceFile[]; onChange?: (files: EvidenceFile[]) => void }) {
  const [busy, setBusy] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const add = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    try {
      const uploaded = await uploadFiles<EvidenceFile[]>(`/api/tasks/${taskId}/evidence`, [...list]);
      onChange?.([...value, ...uploaded]);
    } catch {
      // shown by uploadFiles()
    } finally {
      setBusy(false);
      if (picker.current) picker.current.value = '';
      if (camera.current) camera.current.value = '';
    }
  };
  const remove = async (file: EvidenceFile) => {
    await ok(client.DELETE('/api/evidence/{id}', { params: { path: { id: file.id } } })).catch(() => undefined);
    onChange?.(value.filter((f) => f.id !== file.id));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<PaperClipOutlined />} loading={busy} onClick={() => picker.current?.click()}>
          选择文件
        </Button>
        <Button icon={<CameraOutlined />} disabled={busy} onClick={() => camera.current?.click()}>
          拍照
        </Button>
        <Typography.Text type="secondary">图片、PDF、Word、Excel</Typography.Text>
      </Space>
      <input ref={picker} type="file" multiple accept={ACCEPT} hidden aria-label="选择佐证材料" data-testid="evidence-input" onChange={(e) => void add(e.target.files)} />
      <input ref={camera} type="file" accept="image/*" capture="environment" hidden aria-label="拍照上传佐证材料" onChange={(e) => void add(e.target.files)} />
      {value.length > 0 && (
        <List
          size="small"
          dataSource={value}
          renderItem={(file) => (
            <List.Item
              actions={[<Button key="remove" size="small" type="text" icon={<DeleteOutlined />} aria-label={`移除 ${file.fileName}`} onClick={() => void remove(file)} />]}
            >
              <FileOutlined /> {file.fileName}（{size(file.size)}）
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

/** One submitted file: images as a thumbnail that opens large, PDFs opened in a new tab, everything downloadable. */
function EvidenceItem({ file }: { file: EvidenceFile }) {
  const [src, setSrc] = useState<string>();
  const image = file.previewable && file.contentType.startsWith('image/');
  useEffect(() => {
    if (!image) return;
    let url: string | undefined;
    void blobUrl(`/api/evidence/${file.id}/content`)
      .then((made) => setSrc((url = made)))
      .catch(() => undefined);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.id, image]);
  const openPdf = async () => {
    const url = await blobUrl(`/api/evidence/${file.id}/content`);
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <Space size="small" align="center" wrap>
      {image && src && <Image src={src} alt={file.fileName} width={64} height={64} style={{ objectFit: 'cover' }} />}
      {file.contentType === 'application/pdf' ? (
        <Button type="link" size="small" onClick={() => void openPdf().catch(() => undefined)}>
          {file.fileName}
        </Button>
      ) : (
        <Typography.Text>{file.fileName}</Typography.Text>
      )}
      <Button type="link" size="small" onClick={() => void download(`/api/evidence/${file.id}/content?download=1`, file.fileName)}>
        下载
      </Button>
    </Space>
  );
}

/** The files submitted with one report or request, shown under it in the timeline. */
export function EvidenceList({ files }: { files: EvidenceFile[] }) {
  if (files.length === 0) return null;
  return (
    <div>
      <Typography.Text type="secondary">佐证材料：</Typography.Text>
      {files.map((file) => (
        <EvidenceItem key={file.id} file={file} />
      ))}
    </div>
  );
}
