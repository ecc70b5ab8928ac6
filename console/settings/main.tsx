import { render } from 'preact';
import { SettingsApp } from './components/SettingsApp';
import '../styles.css';
import '../ops/ops.css';
import './settings.css';

const root = document.getElementById('app');
if (root) render(<SettingsApp />, root);
