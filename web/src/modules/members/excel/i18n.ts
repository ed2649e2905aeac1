import { IMPORT_STATUS_LABELS, labelsIn } from '../../../../../contracts/labels.ts';
import { addTranslations } from '../../../app/i18n.ts';
import '../i18n.ts';

/** Excel import of member records: template, file, progress, error report. */
const zh = {
  imports: {
    title: 'Excel 导入党员',
    back: '返回党员列表',
    hint: '使用平台的导入模板，一行一名党员。导入时逐行校验：只要有一行有错，整批都不写入，请下载错误报告修改后重新导入。',
    step1: '第一步：下载导入模板',
    step1Hint: '模板第一行是表头，请勿修改表头；“填写说明”工作表列出了每一列的要求。',
    template: '下载导入模板',
    step2: '第二步：选择导入到的党组织和文件',
    org: '导入到',
    orgPlaceholder: '输入名称搜索党组织',
    file: 'Excel 文件',
    pick: '选择文件',
    fileHint: '仅支持 .xlsx 文件，不超过 10 MB',
    wrongType: '请选择 .xlsx 格式的 Excel 文件',
    needOrg: '请选择导入到的党组织',
    needFile: '请选择要导入的 Excel 文件',
    start: '开始导入',
    step3: '第三步：导入进度',
    status: labelsIn(IMPORT_STATUS_LABELS, 'zh'),
    progress: '已处理 {{processed}} / {{total}} 行',
    doneText: '导入完成：共导入 {{total}} 名党员。',
    failedText: '有 {{count}} 行存在错误，整批均未导入。请下载错误报告，按“错误说明”列逐行修改后重新导入。',
    failedNoRows: '导入失败：{{message}}',
    errors: '下载错误报告',
    again: '再导入一个文件',
    viewList: '查看导入的党员',
    fileName: '文件',
    downloaded: '已下载：{{name}}',
  },
};

const en: typeof zh = {
  imports: {
    title: 'Import members from Excel',
    back: 'Back to the list',
    hint: 'Use the platform’s template, one member per row. Every row is checked: if any row is wrong, nothing is written; download the error report, fix the rows and import again.',
    step1: 'Step 1: download the template',
    step1Hint: 'Keep the header row as it is; the “instructions” sheet explains every column.',
    template: 'Download the template',
    step2: 'Step 2: choose the organization and the file',
    org: 'Import into',
    orgPlaceholder: 'Type to search organizations',
    file: 'Excel file',
    pick: 'Choose a file',
    fileHint: '.xlsx files only, up to 10 MB',
    wrongType: 'Choose an Excel file in .xlsx format',
    needOrg: 'Choose the organization to import into',
    needFile: 'Choose the Excel file to import',
    start: 'Start the import',
    step3: 'Step 3: progress',
    status: labelsIn(IMPORT_STATUS_LABELS, 'en'),
    progress: '{{processed}} of {{total}} rows processed',
    doneText: 'Done: {{total}} members imported.',
    failedText:
      '{{count}} rows have errors, so nothing was imported. Download the error report, fix each row as its “error” column says, and import again.',
    failedNoRows: 'The import failed: {{message}}',
    errors: 'Download the error report',
    again: 'Import another file',
    viewList: 'See the imported members',
    fileName: 'File',
    downloaded: 'Downloaded: {{name}}',
  },
};

addTranslations({ 'zh-CN': zh, en });
