import { MAX_SPECIALTIES, professionCodes, professions } from '@telehealth/contracts';
import { SelectField, TextAreaField, TextField } from '../../form/fields';
import { bind, type StepProps } from '../step-props';

const professionOptions = professionCodes.map((code) => ({ value: code, label: professions[code].label }));

export function ProfessionStep(props: StepProps) {
  const { draft } = props;
  return (
    <div className="grid gap-5">
      <SelectField
        {...bind(props, 'profession', draft.profession, (d, v) => ({ ...d, profession: v }))}
        label="Profession"
        placeholder="Choose your profession"
        hint="This decides whether we ask for a DEA registration and board certification."
        options={professionOptions}
      />
      <TextAreaField
        {...bind(props, 'specialties', draft.specialties, (d, v) => ({ ...d, specialties: v }))}
        label="Specialties"
        hint={`One per line, or separated by commas (up to ${MAX_SPECIALTIES}). For example: Psychiatry, Addiction medicine`}
        rows={3}
      />
      <TextField
        {...bind(props, 'npi', draft.npi, (d, v) => ({ ...d, npi: v }))}
        label="NPI (National Provider Identifier)"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        hint="The 10-digit number on your NPPES record."
      />
    </div>
  );
}
